using IsItDownBot.Cli;
using Serilog;

try
{
    return await CliApplication.RunAsync(args, CliContext.ForProcess());
}
catch (Exception exception)
{
    // Built only for this last resort: every command logs through its own logger, and creating a console logger
    // on every start cost a one-shot command such as check a noticeable part of its start-up.
    await using var log = new LoggerConfiguration()
        .WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose)
        .CreateLogger();
    log.Fatal(exception, "IsItDownBot stopped unexpectedly");
    return 70;
}
