package dev.vsgdsuite.suite.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import dev.vsgdsuite.suite.config.ConfigLoader;
import dev.vsgdsuite.suite.config.RunConfig;
import dev.vsgdsuite.suite.data.DataModule;
import dev.vsgdsuite.suite.data.DatasetId;
import dev.vsgdsuite.suite.data.Datasets;
import dev.vsgdsuite.suite.data.ImageSet;
import dev.vsgdsuite.suite.runtime.Dl4jRuntime;
import dev.vsgdsuite.suite.model.InputShape;
import dev.vsgdsuite.suite.model.ModelSpec;
import dev.vsgdsuite.suite.model.Networks;
import dev.vsgdsuite.suite.runtime.ProjectPaths;
import dev.vsgdsuite.suite.runtime.RuntimeInfo;
import dev.vsgdsuite.suite.schema.ConfigException;
import dev.vsgdsuite.suite.train.Phases;
import dev.vsgdsuite.suite.train.Progress;
import dev.vsgdsuite.suite.train.ResumePoint;
import dev.vsgdsuite.suite.train.RunDirectory;
import dev.vsgdsuite.suite.train.RunResult;
import dev.vsgdsuite.suite.train.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run = config → data + model + optimizer → train → result. The command line and the JUnit
 * experiment tests both go through here, so they can never disagree.
 */
public final class Experiment {

    private static final Logger LOG = LoggerFactory.getLogger(Experiment.class);

    private Experiment() {}

    /**
     * Resolves {@code key=value} arguments against the project's {@code configs/}, and checks that its
     * network fits its dataset ({@link #network}).
     */
    public static RunConfig resolve(List<String> arguments) {
        RunConfig config = new ConfigLoader(ProjectPaths.configs()).resolve(arguments);
        network(config);
        return config;
    }

    /**
     * The network {@code config} trains, for the input shape its dataset declares (known without
     * loading the data).
     *
     * @throws dev.vsgdsuite.suite.schema.ConfigException naming the model key and the input when it does not fit
     */
    public static ModelSpec network(RunConfig config) {
        return Networks.spec(config.model(), inputShape(DatasetId.fromId(config.dataset().name())));
    }

    /** The images and classes of {@code dataset}, as a network's input. */
    public static InputShape inputShape(DatasetId dataset) {
        return new InputShape(dataset.channels(), dataset.height(), dataset.width(), dataset.classes());
    }

    /**
     * Runs {@code config} in a new folder under {@code runsRoot}, as {@code options} say. A model that
     * does not fit its data fails before any folder exists.
     */
    public static RunResult run(RunConfig config, Path runsRoot, RunOptions options) {
        network(config);
        RuntimeInfo runtime = Dl4jRuntime.init();
        DataModule data = options.data();
        if (data == null) {
            options.phases().enter("load data");
            data = load(config);
        }
        return run(config, data, runsRoot, options.progress(), options.phases(), runtime, options.folderMade());
    }

    /**
     * Checks what can be checked on the loaded data, then makes the run folder and trains. A run that
     * stops on an error after its folder exists leaves a {@code result.json} saying so (status failed,
     * the message), so the folder explains itself and {@code report} can list it.
     */
    private static RunResult run(RunConfig config, DataModule data, Path runsRoot, Progress progress, Phases phases,
                                 RuntimeInfo runtime, Consumer<Path> folderMade) {
        checkFits(config, data);
        RunDirectory dir = RunDirectory.create(runsRoot, config.runName());
        folderMade.accept(dir.path());
        Trainer trainer = null;
        try {
            trainer = new Trainer(config, dir, data, runtime, progress, phases);
            return trainer.run();
        } catch (RuntimeException e) {
            recordFailure(config, dir, runtime, e, trainer == null ? 0 : trainer.iterationsTrained());
            throw e;
        }
    }

    /**
     * The checks that need the loaded data: the network against the images' real shape, and a training
     * batch no larger than the training set (else an epoch would hold no batch).
     *
     * @throws ConfigException naming the key, the data and the fix
     */
    public static void checkFits(RunConfig config, DataModule data) {
        ImageSet train = data.train();
        Networks.spec(config.model(), new InputShape(train.channels(), train.height(), train.width(), data.numClasses()));
        int batch = config.train().batchSize();
        if (batch > train.size()) {
            throw new ConfigException("train.batch_size = " + batch + " is larger than the training set of "
                    + config.dataset().name() + " (" + train.size() + " images); set train.batch_size=" + train.size()
                    + " or less");
        }
    }

    private static void recordFailure(RunConfig config, RunDirectory dir, RuntimeInfo runtime, RuntimeException e,
                                      long iterations) {
        String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        try {
            dir.writeJson(RunDirectory.RESULT, RunResult.failed(config.experiment(), config.dataset().name(),
                    config.model().arch(), config.optimizer().name(), config.train().seed(), iterations, dir.path().toString(),
                    runtime, message));
        } catch (RuntimeException unwritable) {
            e.addSuppressed(unwritable);   // the run's own error is the one to report
        }
    }

    /**
     * Continues the run in {@code runDir} from its last checkpoint. The folder is locked first, and the
     * checkpoint checked against the run's config before anything in the folder changes; a run that
     * already finished is returned unchanged.
     *
     * @throws dev.vsgdsuite.suite.train.RunFolderLockedException when another process trains in the folder
     * @throws dev.vsgdsuite.suite.train.CheckpointException when the checkpoint cannot continue the run
     */
    public static RunResult resume(Path runDir, Progress progress) {
        RunDirectory dir = RunDirectory.existing(runDir);
        try (RunDirectory.Lease lock = dir.lock()) {
            RuntimeInfo runtime = Dl4jRuntime.init();
            RunConfig config = RunConfig.read(dir.file(RunDirectory.CONFIG));
            ResumePoint point = ResumePoint.of(dir, config, network(config));
            if (point.completed() != null) {
                LOG.info("{} is already complete ({} iterations); its result is unchanged", runDir,
                        point.completed().iterations());
                return point.completed();
            }
            return new Trainer(config, dir, load(config), runtime, progress, Phases.NONE).resume(point);
        }
    }

    /** The run's data; a relative {@code dataset.path} is relative to the project folder. */
    public static DataModule load(RunConfig config) {
        return Datasets.load(config.dataset().name(), datasetFolder(config));
    }

    /** The folder {@code dataset.path} names, relative to the project folder; null to let the locator find it. */
    public static Path datasetFolder(RunConfig config) {
        String path = config.dataset().path();
        return path == null ? null : ProjectPaths.root().resolve(path);
    }

    /** Where runs go by default: {@code reports/runs/}. */
    public static Path defaultRunsRoot() {
        return ProjectPaths.reports().resolve("runs");
    }
}
