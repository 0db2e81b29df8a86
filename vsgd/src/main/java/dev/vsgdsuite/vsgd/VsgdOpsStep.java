package dev.vsgdsuite.vsgd;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The same step as {@link VsgdStep#apply}, expressed in nd4j array ops so that it runs on any backend
 * (CUDA included) without copying to the host. Slower on CPU (it allocates temporaries and streams
 * the arrays many times), so {@link VsgdUpdater} uses it only where the one-pass loop cannot run.
 * Each line mirrors a line of docs/PROTOCOL.md §1; all arithmetic is in the arrays' data type.
 */
final class VsgdOpsStep {

    private VsgdOpsStep() {}

    /** One VSGD step over whole arrays of one shape: updates the state in place, overwrites {@code gHat}. */
    static void apply(VsgdCoefficients.Step c, VsgdState<INDArray> state, INDArray gHat) {
        INDArray mug = state.mug();
        INDArray bg = state.bg();
        INDArray bhg = state.bhg();
        INDArray sg;
        INDArray sh;
        if (c.first()) {
            sg = mug.ulike().assign(c.priorSg());
            sh = mug.ulike().assign(c.priorSh());
        } else {
            sg = bg.div(c.a());
            sh = bhg.div(c.a());
        }
        INDArray muPrev = mug.dup();
        INDArray sum = sg.add(sh);
        mug.assign(gHat.mul(sg).addi(muPrev.mul(sh)).divi(sum));
        INDArray sigma2 = sg.muli(sh).divi(sum);
        INDArray m2 = sigma2.addi(mug.mul(mug));

        INDArray bgNew = m2.add(c.b0g()).subi(mug.mul(muPrev).muli(2f)).addi(muPrev.mul(muPrev));
        INDArray bhNew = m2.add(c.b0h()).subi(gHat.mul(mug).muli(2f)).addi(gHat.mul(gHat));

        bg.muli(1f - c.rho1()).addi(bgNew.muli(c.rho1()));
        bhg.muli(1f - c.rho2()).addi(bhNew.muli(c.rho2()));

        INDArray denominator = Transforms.sqrt(m2, false).addi(c.eps());
        gHat.assign(denominator.rdivi(c.lr()).muli(mug));   // the authors: lr / (sqrt + eps) * mu
    }
}
