package dev.vsgdsuite.suite.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * The runs of each profile. {@code smoke}: the demo protocol on the shipped Fashion-MNIST subset,
 * and every paper experiment wired end to end at reduced width on the format fixtures;
 * {@code demo}: the demo protocol on the full Fashion-MNIST, three seeds; {@code full-paper}: the six
 * paper experiments × four optimizers × three seeds at the authors' sizes.
 */
public final class Grid {

    public static final List<String> PAPER_EXPERIMENTS = List.of("cifar100_vgg", "cifar100_convmixer",
            "cifar100_resnext", "tiny_imagenet_vgg", "tiny_imagenet_convmixer", "tiny_imagenet_resnext");
    public static final List<String> PAPER_OPTIMIZERS = List.of("vsgd", "adam", "adamw", "sgd");
    public static final List<String> DEMO_OPTIMIZERS = List.of("vsgd", "adam", "sgd");
    /** The authors' seed is 124; the paper reports three seeds. */
    public static final List<Long> PAPER_SEEDS = List.of(124L, 125L, 126L);
    public static final List<Long> DEMO_SEEDS = List.of(0L, 1L, 2L);
    public static final String DEMO = "fashion_convmixer_demo";
    /** 3 epochs of the 3,000-image subset at batch 32. */
    public static final int SUBSET_DEMO_ITERATIONS = 3 * (3000 / 32);

    private Grid() {}

    public static List<Invocation> smokeDemo() {
        List<Invocation> out = new ArrayList<>();
        for (String o : DEMO_OPTIMIZERS) {
            out.add(new Invocation("smoke", DEMO, o, 0, List.of("dataset=fashion_mnist_subset",
                    "train.max_iter=" + SUBSET_DEMO_ITERATIONS, "train.eval_test_freq=93", "train.save_freq=0")));
        }
        return out;
    }

    /**
     * Each paper experiment, a few iterations of a narrow network on its format fixture, with VSGD and
     * with SGD-momentum (the suite's own torch-style updater); Adam and AdamW are DL4J's and the
     * optimizer property tests cover all four.
     */
    public static List<Invocation> smokePipelines() {
        List<Invocation> out = new ArrayList<>();
        for (String e : PAPER_EXPERIMENTS) {
            List<String> o = new ArrayList<>(List.of(
                    "dataset=" + (e.startsWith("cifar100") ? "cifar100_fixture" : "tiny_imagenet_fixture"),
                    "train.batch_size=16", "train.test_batch_size=64", "train.max_iter=24", "train.log_freq=1",
                    "train.val_freq=4", "train.eval_test_freq=12", "train.save_freq=0", "train.optimizer_log_freq=12",
                    "optimizer.lr=0.01"));
            if (e.endsWith("vgg")) {
                o.add("model.width_divisor=16");
            } else if (e.endsWith("convmixer")) {
                o.addAll(List.of("model.dim=16", "model.depth=2"));
            } else {
                o.addAll(List.of("model.base_width=8", "model.cardinality=2"));   // the grouped path, cheaply
            }
            for (String opt : List.of("vsgd", "sgd")) {
                out.add(new Invocation("smoke", e, opt, 0, o));
            }
        }
        return out;
    }

    public static List<Invocation> demo() {
        List<Invocation> out = new ArrayList<>();
        for (String o : DEMO_OPTIMIZERS) {
            for (long seed : DEMO_SEEDS) {
                out.add(new Invocation("demo", DEMO, o, seed, List.of("dataset=fashion_mnist")));
            }
        }
        return out;
    }

    public static List<Invocation> fullPaper() {
        List<Invocation> out = new ArrayList<>();
        for (String e : PAPER_EXPERIMENTS) {
            for (String o : PAPER_OPTIMIZERS) {
                for (long seed : PAPER_SEEDS) {
                    out.add(new Invocation("full-paper", e, o, seed, List.of()));
                }
            }
        }
        return out;
    }

    /**
     * Part {@code i} of {@code n} ("i/n", 1-based) of a grid: every n-th run starting at i, so the
     * parts are disjoint, cover the grid, and each mixes experiments. Null or blank: the whole grid.
     */
    public static List<Invocation> shard(List<Invocation> grid, String spec) {
        if (spec == null || spec.isBlank()) {
            return grid;
        }
        String[] parts = spec.trim().split("/");
        int i;
        int n;
        try {
            i = Integer.parseInt(parts[0]);
            n = Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("-Dsuite.shard=" + spec + " is not i/n (e.g. 2/4)");
        }
        if (parts.length != 2 || n < 1 || i < 1 || i > n) {
            throw new IllegalArgumentException("-Dsuite.shard=" + spec + ": need 1 <= i <= n, e.g. 2/4");
        }
        List<Invocation> out = new ArrayList<>();
        for (int k = i - 1; k < grid.size(); k += n) {
            out.add(grid.get(k));
        }
        return out;
    }
}
