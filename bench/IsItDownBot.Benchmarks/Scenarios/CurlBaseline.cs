using System.Diagnostics;
using System.Globalization;
using IsItDownBot.Benchmarks.Harness;
using IsItDownBot.Benchmarks.Worlds;

namespace IsItDownBot.Benchmarks.Scenarios;

/// <summary>
/// The shell way of checking the same endpoints: a pipeline that resolves each host with <c>dig</c> at the
/// world's resolver and fetches it with <c>curl</c>, every endpoint in parallel through <c>xargs -P</c>. It only
/// resolves and fetches (no name servers, no separate TCP and TLS steps, no explanation): a lower bound.
/// </summary>
internal static class CurlBaseline
{
    /// <returns>The pipeline's wall time in milliseconds, or null when it could not run.</returns>
    public static async Task<double?> RunAsync(SlowWorld world, Results results, string scenario)
    {
        var hasCurl = Which("curl");
        var hasDig = Which("dig");
        if (!hasCurl)
        {
            results.Note(scenario, "curl baseline skipped: `curl` is not installed on this machine (`which curl` finds nothing).");
            return null;
        }

        // Generated per run (ports and the CA file change): one script fetches one endpoint, xargs runs them all at once.
        var resolver = world.World.ResolverA.EndPoint;
        var directory = Directory.CreateTempSubdirectory("isitdown-curl-").FullName;
        var resolve = hasDig
            ? string.Create(CultureInfo.InvariantCulture, $"ip=$(dig @{resolver.Address} -p {resolver.Port} +short +time=2 +tries=1 A \"$1\" | head -n1)")
            : $"ip={resolver.Address}";
        await File.WriteAllTextAsync(Path.Combine(directory, "fetch-one.sh"), $"""
            # $1 host, $2 port: resolve, then fetch over HTTPS trusting the benchmark's throw-away CA only.
            {resolve}
            curl -s -o /dev/null -w '%{"{"}http_code{"}"}\n' --max-time 5 --cacert '{world.World.Authority.RootPemPath}' --resolve "$1:$2:$ip" "https://$1:$2/"

            """);
        await File.WriteAllLinesAsync(Path.Combine(directory, "endpoints.txt"), world.Endpoints.Select(endpoint => $"{endpoint.Host} {endpoint.Port}"));
        var path = Path.Combine(directory, "catalog.sh");
        await File.WriteAllTextAsync(path, $"""
            cd "$(dirname "$0")"
            xargs -P {world.Endpoints.Count} -L 1 bash fetch-one.sh < endpoints.txt

            """);

        // Twice: the first run pays for starting bash and curl cold; the second is reported.
        double wall = 0;
        string output = "";
        for (var run = 0; run < 2; run++)
        {
            var started = Stopwatch.GetTimestamp();
            output = await RunAsync("bash", path);
            wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Directory.Delete(directory, recursive: true);
        var ok = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line.Trim() == "200");
        results.Add(scenario, hasDig ? "curl + dig pipeline (xargs -P)" : "curl pipeline (xargs -P), no dig", Format.Ms(wall));
        results.Add(scenario, "curl pipeline endpoints answering 200", $"{ok} of {world.Endpoints.Count}");
        if (!hasDig)
        {
            results.Note(scenario, "`dig` is not installed here (`which dig` finds nothing): the shell baseline skips DNS and gives curl the address with `--resolve`, so it is a lower bound.");
        }

        return wall;
    }

    private static bool Which(string command)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator).Any(directory => File.Exists(Path.Combine(directory, command)));
    }

    private static async Task<string> RunAsync(string file, string argument)
    {
        using var process = Process.Start(new ProcessStartInfo(file, [argument]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await error;
        return await output;
    }
}
