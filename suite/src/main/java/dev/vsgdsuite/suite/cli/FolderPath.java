package dev.vsgdsuite.suite.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A folder option's value ({@code --runs DIR}, {@code --out DIR}): not empty (an empty value would
 * mean the working folder, where nobody meant to write) and not an existing file.
 */
final class FolderPath implements ITypeConverter<Path> {

    @Override
    public Path convert(String value) {
        if (value == null || value.isBlank()) {
            throw new TypeConversionException("the folder is empty; give a folder, or leave the option out for the default");
        }
        Path p = Path.of(value.strip());
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw new TypeConversionException(value + " is a file, not a folder");
        }
        return p;
    }
}
