package dev.vsgdsuite.vsgd;

/**
 * A gradient handed to one of the suite's updaters ({@link BlockUpdater}: VSGD, torch-exact Adam and
 * AdamW, SGD with momentum) held NaN or ±Inf. Thrown before anything is touched: every block's
 * optimizer state (and step count) and the parameters stay as they were after the previous step, so
 * a caller can stop, log, or skip the batch without a poisoned optimizer.
 */
public final class NonFiniteGradientException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final long step;
    private final long blockLength;

    NonFiniteGradientException(String optimizer, long step, long blockOffset, long blockLength, long gradientLength,
                               long firstIndex, float firstValue) {
        super(optimizer + " step " + step + ": the gradient is not finite (first at index " + firstIndex + ": "
                + firstValue + ", of " + gradientLength + " gradient values; the refused block holds "
                + blockLength + " from index " + blockOffset + "). "
                + "Nothing was updated: the optimizer state and the parameters are those after step "
                + (step - 1) + ". A NaN/Inf gradient usually means the loss diverged: lower the learning "
                + "rate, check the input data, or clip gradients.");
        this.step = step;
        this.blockLength = blockLength;
    }

    /** The 1-based step that was refused. */
    public long step() { return step; }

    /** Length of the parameter block whose step found the gradient not finite. */
    public long blockLength() { return blockLength; }
}
