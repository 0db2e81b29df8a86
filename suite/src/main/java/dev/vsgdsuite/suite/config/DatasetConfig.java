package dev.vsgdsuite.suite.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.vsgdsuite.suite.schema.Key;
import dev.vsgdsuite.suite.schema.Schema;
import dev.vsgdsuite.suite.schema.Section;

/**
 * @param name dataset: cifar100, tiny_imagenet, fashion_mnist, fashion_mnist_subset, mnist
 * @param path folder holding it, or null for the default location (data/NAME, see data/README.md)
 */
public record DatasetConfig(String name, String path) {

    public static final Set<String> NAMES = Set.of("cifar100", "tiny_imagenet", "fashion_mnist", "fashion_mnist_subset", "mnist");

    static final Key<String> NAME = Key.text("name", "the dataset", NAMES::contains, "one of " + new TreeSet<>(NAMES));
    static final Key<String> PATH = Key.nullable(Key.text("path", "folder holding it (null: data/NAME, see data/README.md)",
            p -> !p.isBlank(), "a folder"));

    /** Every key the dataset section may hold. */
    public static final Schema SCHEMA = new Schema("dataset", List.of(), List.of(NAME, PATH));

    static DatasetConfig from(Section s) {
        SCHEMA.rejectUnknown(s.keys(), "the dataset section");
        return new DatasetConfig(NAME.get(s), PATH.get(s));
    }
}
