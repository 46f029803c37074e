namespace IsItDownBot.Cli;

/// <summary>Runs a command's body and turns usage and configuration problems into one line and exit code 2.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (UsageException exception)
        {
            await context.Error.WriteLineAsync(exception.Message);
            return ExitCodes.Usage;
        }
    }
}
