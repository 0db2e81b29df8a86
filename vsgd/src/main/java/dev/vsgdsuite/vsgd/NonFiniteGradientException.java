package dev.vsgdsuite.vsgd;

/**
 * A gradient handed to {@link VsgdUpdater} held NaN or ±Inf. Thrown before anything is touched:
 * the updater state (mug, bg, bhg and the step count) and the parameters stay as they were after the previous
 * step, so a caller can stop, log, or skip the batch without a poisoned optimizer.
 */
public final class NonFiniteGradientException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final long step;
    private final long blockLength;

    NonFiniteGradientException(long step, long blockLength, long firstIndex, float firstValue) {
        super("VSGD step " + step + ": the gradient of a parameter block of " + blockLength
                + " values is not finite (first at index " + firstIndex + ": " + firstValue + "). "
                + "Nothing was updated: the optimizer state and the parameters are those after step "
                + (step - 1) + ". A NaN/Inf gradient usually means the loss diverged: lower the learning "
                + "rate, check the input data, or clip gradients.");
        this.step = step;
        this.blockLength = blockLength;
    }

    /** The 1-based step that was refused. */
    public long step() { return step; }

    /** Length of the parameter block whose gradient was refused. */
    public long blockLength() { return blockLength; }
}
