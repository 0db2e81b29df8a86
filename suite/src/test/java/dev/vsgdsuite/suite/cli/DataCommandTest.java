package dev.vsgdsuite.suite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import dev.vsgdsuite.suite.data.FixtureArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data fetch} and {@code data verify} as a user runs them: exit codes, one-line errors, the fix named. */
class DataCommandTest {

    @TempDir
    Path tmp;

    @Test
    void verifyOnAnEmptyDataFolderNamesWhatIsMissingAndTheCommandThatFetchesIt() {
        Cli.Outcome o = Cli.run("data", "verify", "--data", tmp.toString());

        assertThat(o.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(o.out()).contains("cifar100       missing")
                .contains("fetch it: ./vsgd-suite data fetch cifar100")
                .contains("tiny_imagenet  missing")
                .contains("fetch it: ./vsgd-suite data fetch tiny_imagenet");
        assertThat(o.errLines()).isEqualTo(1);
        assertThat(o.err()).contains("vsgd-suite data verify: 2 of 2 datasets not ready");
    }

    @Test
    void aFetchedFixtureIsReportedIncompleteByVerify() throws IOException {
        Path archive = FixtureArchives.cifar(tmp);
        Path data = tmp.resolve("data");

        Cli.Outcome fetch = Cli.run("data", "fetch", "cifar100", "--from", archive.toString(), "--checksum",
                FixtureArchives.md5(archive), "--data", data.toString());
        assertThat(fetch.code()).as(fetch.err()).isEqualTo(ExitCode.DONE.code());
        assertThat(fetch.out()).contains("cifar100: fetched cifar-100-binary.tar.gz, MD5 matches the value given");

        Cli.Outcome again = Cli.run("data", "fetch", "cifar100", "--from", archive.toString(), "--checksum",
                FixtureArchives.md5(archive), "--data", data.toString());
        assertThat(again.code()).isEqualTo(ExitCode.DONE.code());
        assertThat(again.out()).contains("already fetched");

        Cli.Outcome verify = Cli.run("data", "verify", "cifar100", "--data", data.toString());
        assertThat(verify.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(verify.out()).contains("cifar100       incomplete")
                .contains("train.bin has 200 records, the official set 50,000")
                .contains("fetch it again: ./vsgd-suite data fetch cifar100 --force");
    }

    @Test
    void aCorruptedArchiveIsOneLineNamingTheFileAndTheFix() throws IOException {
        Path archive = FixtureArchives.cifar(tmp);
        Path corrupted = FixtureArchives.corrupted(archive);

        Cli.Outcome o = Cli.run("data", "fetch", "cifar100", "--from", corrupted.toString(), "--checksum",
                FixtureArchives.md5(archive), "--data", tmp.resolve("data").toString());

        assertThat(o.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(o.errLines()).isEqualTo(1);
        assertThat(o.err()).startsWith("vsgd-suite data fetch: " + corrupted + ": MD5 is ")
                .contains("Fix: download https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz again");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(Cli.run("data").code()).isEqualTo(ExitCode.USAGE.code());
        Cli.Outcome unknown = Cli.run("data", "fetch", "imagenet");
        assertThat(unknown.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(unknown.err()).contains("'imagenet' is not a dataset that can be fetched; choose one of "
                + "[cifar100, tiny_imagenet]");
        Cli.Outcome checksum = Cli.run("data", "fetch", "cifar100", "--checksum", "md5:xyz");
        assertThat(checksum.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(checksum.err()).contains("'md5:xyz' is not md5:HEX");
        assertThat(Cli.run("data", "verify", "mnist").code()).isEqualTo(ExitCode.USAGE.code());
    }
}
