package dev.engagement.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code engagement} command line: {@code java -jar engagement.jar <command> ...}.
 *
 * <p>Exit codes: 0 when the batch ran (even if some letters failed: see the report), 2 for a
 * usage error (a one-line message on stderr), 1 when the run itself could not complete, 130 or
 * 143 when SIGINT (Ctrl-C) or SIGTERM stopped it (then the letters in flight were finished and
 * the report and events file list the others as not started: run the same command again to
 * finish them without duplicates).
 */
@Command(
    name = "engagement",
    mixinStandardHelpOptions = true,
    versionProvider = EngagementCli.Version.class,
    description =
        "Yearly paperwork for engagement letters: roll them forward a year, check their entities,"
            + " print them to PDF and sign them.",
    subcommands = {
      RolloverCommand.class,
      EntitiesCommand.class,
      PdfCommand.class,
      SignCommand.class,
      SocketIoFixtureCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class EngagementCli {
  /** Exit code for a usage error. */
  static final int USAGE = 2;

  /** What a signal does to the batch this command line runs. */
  final StopOnSignal stop = new StopOnSignal();

  private EngagementCli() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    OptionalInt relaunched = Relaunch.runIfUseful(args);
    if (relaunched.isPresent()) {
      System.exit(relaunched.getAsInt());
    }
    configureLogging(args);
    warmUpJson();
    EngagementCli cli = new EngagementCli();
    cli.stop.install();
    Relaunch.watchParent(cli.stop);
    int code;
    try {
      code = run(cli, args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
          new PrintWriter(System.err, true, StandardCharsets.UTF_8));
    } finally {
      cli.stop.finished();
    }
    System.exit(code);
  }

  /** Runs the command line with the given streams and returns the exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(new EngagementCli(), args, out, err);
  }

  private static int run(EngagementCli cli, String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(cli);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setParameterExceptionHandler(
        (ex, a) -> {
          ex.getCommandLine().getErr().println("engagement: " + ex.getMessage() + " (see --help)");
          return USAGE;
        });
    cmd.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof UsageException) {
            commandLine.getErr().println("engagement: " + ex.getMessage());
            return USAGE;
          }
          commandLine.getErr().println("engagement: " + ex.getMessage());
          return 1;
        });
    return cmd.execute(args);
  }

  /**
   * Loads and initializes Jackson's data binding (a few hundred classes: the settings file, the
   * report and the events are read and written with it) on a second thread while this one builds
   * the command line, so that on a machine with two cores or more they overlap: together they
   * are most of the start-up of a job command.
   */
  private static void warmUpJson() {
    Thread t =
        new Thread(
            () -> {
              try {
                Json.MAPPER.readTree("[{\"config_name\": \"x\", \"value\": [{\"name\": \"y\", \"rate\": 1}]}]");
              } catch (IOException | RuntimeException e) {
                // only a warm-up: the real reads report their own errors
              }
            },
            "engagement-warm-up");
    t.setDaemon(true);
    t.start();
  }

  private static void configureLogging(String[] args) {
    boolean verbose = false;
    for (String a : args) {
      verbose |= a.equals("--verbose") || a.equals("-v");
    }
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
    }
  }

  /** Thrown for a bad argument found after parsing (a missing input...): exit code 2. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** Prints the version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = EngagementCli.class.getPackage().getImplementationVersion();
      return new String[] {"engagement " + (v == null ? "(development build)" : v)};
    }
  }
}
