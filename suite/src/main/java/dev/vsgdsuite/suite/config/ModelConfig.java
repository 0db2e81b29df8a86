package dev.vsgdsuite.suite.config;

import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.schema.Section;

import dev.vsgdsuite.suite.model.ConvMixer;
import dev.vsgdsuite.suite.model.ModelSpec;
import dev.vsgdsuite.suite.model.ResNeXt;
import dev.vsgdsuite.suite.model.Vgg;

/** The model section: the architecture and its keys; the input shape and classes come from the data. */
public record ModelConfig(String arch, Section values) {

    static ModelConfig from(Section s) {
        String arch = s.string("arch");
        s.check(arch.equals("vgg") || arch.equals("convmixer") || arch.equals("resnext"), "arch", arch,
                "one of [vgg, convmixer, resnext]");
        ModelConfig m = new ModelConfig(arch, s);
        m.spec(3, 32, 32, 10);   // validate the keys now, before anything runs
        return m;
    }

    /** The network for images of {@code channels × height × width} and {@code classes} classes. */
    public ModelSpec spec(int channels, int height, int width, int classes) {
        try {
            switch (arch) {
                case "vgg":
                    return new Vgg(values.string("config"), values.integer("width_divisor"), channels, height, width,
                            classes);
                case "convmixer":
                    return new ConvMixer(values.integer("dim"), values.integer("depth"), values.integer("kernel"),
                            values.integer("patch"), channels, height, width, classes);
                default:
                    return new ResNeXt(values.integer("cardinality"), values.integer("depth"),
                            values.integer("widen_factor"), values.integer("base_width"), channels, height, width, classes);
            }
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("model: " + e.getMessage(), e);
        }
    }
}
