package dev.vsgdsuite.suite.config;

import java.util.Set;

import dev.vsgdsuite.suite.schema.Section;

/**
 * @param name dataset: cifar100, tiny_imagenet, fashion_mnist, fashion_mnist_subset, mnist
 * @param path folder holding it, or null for the default location (data/NAME, see data/README.md)
 */
public record DatasetConfig(String name, String path) {

    public static final Set<String> NAMES = Set.of("cifar100", "tiny_imagenet", "fashion_mnist", "fashion_mnist_subset", "mnist");

    static DatasetConfig from(Section s) {
        String name = s.string("name");
        s.check(NAMES.contains(name), "name", name, "one of " + NAMES);
        return new DatasetConfig(name, s.stringOrNull("path"));
    }
}
