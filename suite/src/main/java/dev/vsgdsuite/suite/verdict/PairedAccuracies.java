package dev.vsgdsuite.suite.verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.vsgdsuite.suite.schema.ConfigException;

/**
 * Final accuracies from any source as a CSV file with a header naming the columns {@code sequence},
 * {@code seed}, {@code optimizer} and {@code accuracy} (in any order; others are refused): one row per
 * run. A sequence is one experiment's comparison, its seeds in the order the rows give them.
 *
 * @param file      where they were read
 * @param sequences per sequence name, in file order: per optimizer, accuracy by seed in row order
 */
public record PairedAccuracies(Path file, Map<String, Map<String, Map<String, Double>>> sequences) {

    static final List<String> COLUMNS = List.of("sequence", "seed", "optimizer", "accuracy");

    /**
     * Reads {@code file}; a missing column, a bad number, an accuracy outside [0, 1] or a run given twice
     * is one error naming the file, the line and the fix.
     */
    public static PairedAccuracies read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such file; give a CSV with the columns " + COLUMNS);
        }
        Map<String, Map<String, Map<String, Double>>> sequences = new LinkedHashMap<>();
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .enable(CsvParser.Feature.SKIP_EMPTY_LINES).enable(CsvParser.Feature.TRIM_SPACES);
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(file.toFile())) {
            if (!rows.hasNext()) {
                throw new ConfigException(file + ": empty; the first line must name the columns " + COLUMNS);
            }
            int[] at = columns(file, rows.next());
            while (rows.hasNext()) {
                String[] row = rows.next();
                int line = rows.getCurrentLocation().getLineNr() - 1;
                String where = file + ", line " + line;
                if (row.length != COLUMNS.size()) {
                    throw new ConfigException(where + ": " + row.length + " values, the header names "
                            + COLUMNS.size() + "; give one value per column");
                }
                String sequence = row[at[0]];
                String seed = row[at[1]];
                String optimizer = row[at[2]];
                double accuracy = accuracy(where, row[at[3]]);
                if (sequence.isEmpty() || seed.isEmpty() || optimizer.isEmpty()) {
                    throw new ConfigException(where + ": sequence, seed and optimizer must not be empty");
                }
                Map<String, Double> runs = sequences.computeIfAbsent(sequence, k -> new LinkedHashMap<>())
                        .computeIfAbsent(optimizer, k -> new LinkedHashMap<>());
                if (runs.put(seed, accuracy) != null) {
                    throw new ConfigException(where + ": " + sequence + " " + optimizer + " seed " + seed
                            + " is given twice; keep one row per run");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigException c) {
                throw c;
            }
            throw new ConfigException(file + " is not a readable CSV (" + e.getMessage().lines().findFirst().orElse("")
                    + "); give comma-separated values with a header line " + String.join(",", COLUMNS), e);
        }
        if (sequences.isEmpty()) {
            throw new ConfigException(file + ": a header and no runs; give one row per run under it");
        }
        return new PairedAccuracies(file, sequences);
    }

    /**
     * The paired differences {@code treatment} − {@code baseline} of one sequence over the seeds both
     * have, in the treatment's row order.
     */
    public double[] differences(String sequence, String treatment, String baseline) {
        Map<String, Double> t = sequences.get(sequence).getOrDefault(treatment, Map.of());
        Map<String, Double> b = sequences.get(sequence).getOrDefault(baseline, Map.of());
        List<Double> d = new ArrayList<>();
        t.forEach((seed, acc) -> {
            Double other = b.get(seed);
            if (other != null) {
                d.add(acc - other);
            }
        });
        return d.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int[] columns(Path file, String[] header) {
        int[] at = new int[COLUMNS.size()];
        java.util.Arrays.fill(at, -1);
        for (int i = 0; i < header.length; i++) {
            int c = COLUMNS.indexOf(header[i].trim());
            if (c < 0) {
                throw new ConfigException(file + ", line 1: unknown column '" + ConfigException.clip(header[i])
                        + "'; the columns are " + COLUMNS);
            }
            at[c] = i;
        }
        for (int c = 0; c < at.length; c++) {
            if (at[c] < 0) {
                throw new ConfigException(file + ", line 1: no column '" + COLUMNS.get(c) + "'; the first line must name "
                        + COLUMNS);
            }
        }
        return at;
    }

    private static double accuracy(String where, String text) {
        double a;
        try {
            a = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(where + ": accuracy '" + ConfigException.clip(text) + "' is not a number");
        }
        if (!(a >= 0 && a <= 1)) {
            throw new ConfigException(where + ": accuracy " + text + " is outside [0, 1]; give it as a fraction (0.8123)");
        }
        return a;
    }
}
