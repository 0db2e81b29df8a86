package dev.vsgdsuite.suite.train;

import dev.vsgdsuite.suite.config.TrainConfig;

/**
 * Which of a run's periodic jobs are due after a given (1-based) iteration: the training log line,
 * the validation-batch loss, the β1 statistics, the test evaluation and the checkpoint. A frequency
 * of 0 turns a job off. The last iteration always logs; the test evaluation and the checkpoint of the
 * last iteration are the run's final ones, made after the loop, so the schedule leaves them out.
 */
record EvaluationSchedule(TrainConfig train) {

    boolean log(long iteration) {
        return iteration % train.logFreq() == 0 || iteration == train.maxIter();
    }

    boolean validation(long iteration) {
        return train.valFreq() > 0 && iteration % train.valFreq() == 0;
    }

    boolean beta1(long iteration) {
        return train.optimizerLogFreq() > 0 && iteration % train.optimizerLogFreq() == 0;
    }

    boolean test(long iteration) {
        return train.evalTestFreq() > 0 && iteration % train.evalTestFreq() == 0 && iteration < train.maxIter();
    }

    boolean checkpoint(long iteration) {
        return train.saveFreq() > 0 && iteration % train.saveFreq() == 0 && iteration < train.maxIter();
    }
}
