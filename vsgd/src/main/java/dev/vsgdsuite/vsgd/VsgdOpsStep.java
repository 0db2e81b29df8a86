package dev.vsgdsuite.vsgd;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The same step as {@link VsgdStep#apply}, expressed in nd4j array ops so that it runs on any backend
 * (CUDA included) without copying to the host. Slower on CPU (it allocates temporaries and streams
 * the arrays many times), so {@link VsgdUpdater} uses it only where the one-pass loop cannot run.
 * Each line mirrors a line of SPEC §1; all arithmetic is in the arrays' data type.
 */
final class VsgdOpsStep {

    private VsgdOpsStep() {}

    static void apply(VsgdStep c, long t, double lr, INDArray gHat, INDArray mu, INDArray bg, INDArray bh) {
        INDArray sg;
        INDArray sh;
        if (t == 1) {
            sg = mu.ulike().assign(c.priorSg);
            sh = mu.ulike().assign(c.priorSh);
        } else {
            sg = bg.div(c.a);
            sh = bh.div(c.a);
        }
        INDArray muPrev = mu.dup();
        INDArray sum = sg.add(sh);
        mu.assign(gHat.mul(sg).addi(muPrev.mul(sh)).divi(sum));
        INDArray sigma2 = sg.muli(sh).divi(sum);
        INDArray m2 = sigma2.addi(mu.mul(mu));

        INDArray bgNew = m2.add(c.b0g).subi(mu.mul(muPrev).muli(2f)).addi(muPrev.mul(muPrev));
        INDArray bhNew = m2.add(c.b0h).subi(gHat.mul(mu).muli(2f)).addi(gHat.mul(gHat));

        float rho1 = VsgdStep.rho(t, c.tau1);
        float rho2 = VsgdStep.rho(t, c.tau2);
        bg.muli(1f - rho1).addi(bgNew.muli(rho1));
        bh.muli(1f - rho2).addi(bhNew.muli(rho2));

        INDArray denominator = Transforms.sqrt(m2, false).addi(c.eps);
        gHat.assign(denominator.rdivi((float) lr).muli(mu));   // the authors: lr / (sqrt + eps) * mu
    }
}
