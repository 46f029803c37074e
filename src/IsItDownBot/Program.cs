using IsItDownBot.Cli;
using Serilog;

Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose)
    .CreateBootstrapLogger();

try
{
    return await CliApplication.RunAsync(args, CliContext.ForProcess());
}
catch (Exception exception)
{
    Log.Fatal(exception, "IsItDownBot stopped unexpectedly");
    return 70;
}
finally
{
    await Log.CloseAndFlushAsync();
}
