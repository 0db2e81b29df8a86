package dev.vsgdsuite.suite.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsgdsuite.suite.report.Reports;
import dev.vsgdsuite.suite.verdict.Look;
import dev.vsgdsuite.suite.verdict.PairedAccuracies;
import dev.vsgdsuite.suite.verdict.ProbabilityOfImprovement;
import dev.vsgdsuite.suite.verdict.SequentialDesign;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        header = "Judge paired accuracies from any source by the suite's sequential rule.",
        description = {
        "Reads FILE.csv (header: sequence,seed,optimizer,accuracy; one row per run, accuracy a fraction),",
        "pairs each baseline with the treatment by seed within a sequence, and prints one JSON line per look",
        "of the sequential design (configs/claims.yaml 'sequential', docs/PROTOCOL.md §4.4) up to the look",
        "that decides: reproduced, contradicted, equivalent, inconclusive (MAX reached) or continue (more",
        "seeds to run). The deciding or last look carries P(treatment > baseline) with its bootstrap interval."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "The paired accuracies.")
    Path file;

    @Option(names = "--treatment", paramLabel = "OPTIMIZER", defaultValue = "vsgd",
            description = "The optimizer judged against every other one in the file (default: ${DEFAULT-VALUE}).")
    String treatment;

    @Option(names = "--looks", paramLabel = "N,N,…", split = ",",
            description = "Seed counts of the looks, the last being MAX (default: configs/claims.yaml).")
    List<Integer> looks;

    @Option(names = "--alpha", paramLabel = "A", description = "Two-sided error rate of a decision (default: configs/claims.yaml).")
    Double alpha;

    @Option(names = "--margin", paramLabel = "M",
            description = "Equivalence margin, a fraction of accuracy (default: configs/claims.yaml).")
    Double margin;

    @Override
    public Integer call() throws Exception {
        SequentialDesign declared = Reports.sequentialDesign();
        SequentialDesign design;
        try {
            design = new SequentialDesign(looks != null ? looks : declared.looks(),
                    alpha != null ? alpha : declared.alpha(), margin != null ? margin : declared.margin());
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--looks/--alpha/--margin: " + e.getMessage());
        }
        PairedAccuracies data = PairedAccuracies.read(file);
        ObjectMapper json = new ObjectMapper();
        java.io.PrintWriter out = spec.commandLine().getOut();
        for (var sequence : data.sequences().entrySet()) {
            if (!sequence.getValue().containsKey(treatment)) {
                throw new dev.vsgdsuite.suite.schema.ConfigException(file + ": sequence " + sequence.getKey()
                        + " has no runs of " + treatment + "; give --treatment one of " + sequence.getValue().keySet());
            }
            for (String baseline : sequence.getValue().keySet()) {
                if (baseline.equals(treatment)) {
                    continue;
                }
                double[] d = data.differences(sequence.getKey(), treatment, baseline);
                List<Look> seen = design.decide(d);
                for (int i = 0; i < seen.size(); i++) {
                    Look look = seen.get(i);
                    Map<String, Object> line = line(sequence.getKey(), baseline);
                    line.putAll(json.convertValue(look, Map.class));
                    if (i == seen.size() - 1) {
                        line.put("pairs", d.length);
                        ProbabilityOfImprovement p = ProbabilityOfImprovement.of(java.util.Arrays.copyOf(d, look.seeds()));
                        line.put("p_improvement", p.estimate());
                        line.put("p_improvement_low", p.low());
                        line.put("p_improvement_high", p.high());
                    }
                    out.println(json.writeValueAsString(line));
                }
                if (seen.isEmpty()) {
                    Map<String, Object> line = line(sequence.getKey(), baseline);
                    line.put("pairs", d.length);
                    line.put("outcome", "continue");
                    line.put("reason", d.length + " paired seeds, fewer than the first look's " + design.looks().get(0));
                    out.println(json.writeValueAsString(line));
                }
            }
        }
        out.flush();
        return ExitCode.DONE.code();
    }

    /** A JSON line's first fields: which comparison it is. */
    private Map<String, Object> line(String sequence, String baseline) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sequence", sequence);
        line.put("treatment", treatment);
        line.put("baseline", baseline);
        return line;
    }
}
