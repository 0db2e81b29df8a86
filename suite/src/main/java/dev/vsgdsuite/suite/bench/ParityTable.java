package dev.vsgdsuite.suite.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The side-by-side tables of {@code bench-training}, in Markdown for the README: per network and
 * optimizer the suite's and PyTorch's median iteration (interquartile range beside it) and their
 * ratio; per network VSGD/Adam within the suite and the peak resident memory of both. Times from
 * different processes cannot be paired round by round, so suite/PyTorch is a ratio of medians.
 */
public final class ParityTable {

    /** What must agree between the two sides for a network: its batch and its trainable parameters. */
    public record Shape(String network, int batch, long parameters) {}

    private static final String THREADS_DIFFER = " (they differ: give the script --threads N, or bench-training "
            + "--with-torch --torch-threads N, to compare like with like)";

    private ParityTable() {}

    /**
     * Checks that PyTorch timed the same thing: for every network both measured, the same batch size
     * and the same trainable parameters (else the script builds a different network, and the ratio
     * would compare two networks).
     *
     * @throws IllegalArgumentException naming the network, both values and the fix
     */
    public static void checkComparable(List<Shape> suite, List<IterationTiming> torch, String torchSource) {
        for (Shape s : suite) {
            for (IterationTiming t : torch) {
                if (!t.network().equals(s.network())) {
                    continue;
                }
                if (t.batch() != s.batch()) {
                    throw new IllegalArgumentException(torchSource + ": PyTorch timed " + t.network() + " at batch "
                            + t.batch() + ", the suite at batch " + s.batch() + "; give both the same --batch");
                }
                if (t.parameters() != s.parameters()) {
                    throw new IllegalArgumentException(torchSource + ": PyTorch's " + t.network() + " has "
                            + t.parameters() + " trainable parameters, the suite's " + s.parameters()
                            + "; the script does not build the suite's network (compare tools/torch_reference.py "
                            + "with suite/.../model/ and ./vsgd-suite models)");
                }
            }
        }
    }

    /** Both tables; {@code torch} may be empty (suite times alone) or cover only some networks. */
    public static String markdown(List<PairedTrainingIterations.Result> suite, List<IterationTiming> torch) {
        StringBuilder out = new StringBuilder();
        out.append("| network | parameters | batch | optimizer | suite ms (IQR) | PyTorch ms (IQR) | suite / PyTorch |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (PairedTrainingIterations.Result r : suite) {
            Set<String> optimizers = new LinkedHashSet<>(r.timings().keySet());
            torch.stream().filter(t -> t.network().equals(r.network().key())).forEach(t -> optimizers.add(t.optimizer()));
            for (String optimizer : optimizers) {
                IterationTiming s = r.timings().get(optimizer);
                IterationTiming t = find(torch, r.network().key(), optimizer);
                out.append(String.format(Locale.ROOT, "| %s | %,d | %d | %s | %s | %s | %s |%n", r.network().key(),
                        r.parameters(), r.batch(), optimizer, cell(s), cell(t),
                        s == null || t == null ? "–" : String.format(Locale.ROOT, "%.2f×", ratio(s, t))));
            }
        }
        out.append('\n');
        out.append("| network | VSGD / Adam (suite, medians) | per-round IQR | suite peak RSS | PyTorch peak RSS |\n");
        out.append("|---|---|---|---|---|\n");
        for (PairedTrainingIterations.Result r : suite) {
            Long torchPeak = torch.stream().filter(t -> t.network().equals(r.network().key()))
                    .map(IterationTiming::peakRssBytes).filter(b -> b != null).findFirst().orElse(null);
            boolean paired = !Double.isNaN(r.vsgdOverAdam());
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", r.network().key(),
                    paired ? String.format(Locale.ROOT, "%.3f×", r.vsgdOverAdam()) : "–",
                    paired ? String.format(Locale.ROOT, "%.3f–%.3f", r.ratioQ1(), r.ratioQ3()) : "–",
                    mebibytes(r.peakRssBytes()), mebibytes(torchPeak)));
        }
        Set<Integer> suiteThreads = new TreeSet<>();
        Set<Integer> torchThreads = new TreeSet<>();
        suite.forEach(r -> r.timings().values().forEach(t -> suiteThreads.add(t.threads())));
        torch.forEach(t -> torchThreads.add(t.threads()));
        out.append(String.format(Locale.ROOT, "%nThreads: suite %s%s.%n", join(suiteThreads),
                torch.isEmpty() ? "" : ", PyTorch " + join(torchThreads)
                        + (suiteThreads.equals(torchThreads) ? "" : THREADS_DIFFER)));
        return out.toString();
    }

    /** The suite's median over PyTorch's. */
    static double ratio(IterationTiming suite, IterationTiming torch) {
        return suite.medianMs() / torch.medianMs();
    }

    static IterationTiming find(List<IterationTiming> timings, String network, String optimizer) {
        return timings.stream().filter(t -> t.network().equals(network) && t.optimizer().equals(optimizer))
                .findFirst().orElse(null);
    }

    private static String cell(IterationTiming t) {
        return t == null ? "–" : String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", t.medianMs(), t.q1Ms(), t.q3Ms());
    }

    /** Bytes as MiB, or "–" when unknown. */
    static String mebibytes(Long bytes) {
        return bytes == null ? "–" : String.format(Locale.ROOT, "%,d MiB", Math.round(bytes / 1048576.0));
    }

    private static String join(Set<Integer> values) {
        return values.isEmpty() ? "–" : values.stream().map(String::valueOf).reduce((a, b) -> a + "/" + b).orElseThrow();
    }
}
