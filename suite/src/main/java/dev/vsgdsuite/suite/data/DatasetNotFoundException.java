package dev.vsgdsuite.suite.data;

import java.nio.file.Path;
import java.util.List;

/**
 * No folder holding a dataset was found. The message lists every place looked (and why each did
 * not qualify) and how to obtain the data, since the datasets are not downloaded automatically.
 */
public class DatasetNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<Path> searched;

    public DatasetNotFoundException(String message, List<Path> searched) {
        super(message);
        this.searched = List.copyOf(searched);
    }

    /** The folders that were tried, in order. */
    public List<Path> searched() {
        return searched;
    }
}
