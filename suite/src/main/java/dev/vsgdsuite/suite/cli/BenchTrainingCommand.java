package dev.vsgdsuite.suite.cli;

import java.util.List;
import java.util.concurrent.Callable;

import dev.vsgdsuite.suite.bench.PairedTrainingIterations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench-training", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        header = "Time VSGD's training iteration against Adam's on the demo ConvMixer.",
        description = {
        "VSGD's training-iteration cost relative to Adam on the demo ConvMixer (batch 32): the networks take",
        "turns in one JVM so machine noise hits all alike. Run it on an otherwise idle machine."})
final class BenchTrainingCommand implements Callable<Integer> {

    @Option(names = "--rounds", defaultValue = "300", description = "measured rounds (one iteration per optimizer each; default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--warmup", defaultValue = "100", description = "unrecorded rounds first (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--optimizers", split = ",", defaultValue = "vsgd,adam,sgd", description = "default ${DEFAULT-VALUE}")
    List<String> optimizers;

    @Override
    public Integer call() {
        System.out.print(PairedTrainingIterations.describe(PairedTrainingIterations.measure(optimizers, warmup, rounds, 1)));
        return 0;
    }
}
