package dev.vsgdsuite.vsgd;

import java.util.function.Function;

/**
 * One parameter block's VSGD state as three buffers of one kind, each holding one value per
 * parameter, with the authors' names: {@code mug} the posterior mean μ of the true gradient,
 * {@code bg} and {@code bhg} the running 2·b (Bg, Bh) of the Gamma posteriors of the precisions of g
 * and ĝ. The kind is whatever a kernel reads: nd4j arrays, byte views or float views of them.
 * The block's step count is not here: the kernels read it from {@link VsgdCoefficients.Step#t()}
 * and never write it; {@link VsgdUpdater} keeps it.
 */
record VsgdState<B>(B mug, B bg, B bhg) {

    /** The same state seen through another view of each buffer (the buffers are shared, not copied). */
    <C> VsgdState<C> map(Function<? super B, ? extends C> view) {
        return new VsgdState<>(view.apply(mug), view.apply(bg), view.apply(bhg));
    }
}
