using System.Diagnostics;
using System.Text.Json.Nodes;

namespace IsItDownBot.Tests.Docker;

/// <summary>
/// No Docker engine here, so the image is checked from both ends: the build stage's publish is run as the
/// Dockerfile runs it, and every file the runtime stage copies, runs or health-checks must be in its output. CI
/// also replays the whole build stage (.ci/docker-build-stage.js).
/// </summary>
public sealed class DockerfileTests
{
    private static readonly TimeSpan PublishPatience = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Publish_AsTheDockerfileDoes_ProducesEveryFileTheRuntimeStageCopiesAndRuns()
    {
        var root = RepositoryRoot();
        var dockerfile = DockerfileInstructions.Parse(await File.ReadAllTextAsync(Path.Combine(root, "Dockerfile")));
        var build = dockerfile.Stages[0];
        var runtime = dockerfile.Stages[^1];
        var output = Path.Combine(Path.GetTempPath(), $"isitdown-publish-{Guid.NewGuid():N}");
        try
        {
            // The build stage's publish, into a folder of ours. --no-build and --no-restore are dropped: the image
            // restores and builds for it just before; here there is neither to reuse.
            var publish = DockerfileInstructions.Words(Assert.Single(build.All("RUN"), run => run.StartsWith("dotnet publish", StringComparison.Ordinal)));
            var outputIndex = IndexAfter(publish, "-o");
            var publishedTo = publish[outputIndex];
            var args = publish.Select((word, i) => i == outputIndex ? output : word).Skip(1)
                .Where(word => word is not "--no-build" and not "--no-restore")

                // ReadyToRun changes the code inside the files, never which files there are, and costs minutes of
                // CPU here; CI's replay of the build stage (.ci/docker-build-stage.js) runs the real publish.
                .Append("-p:PublishReadyToRun=false")
                .Append("--disable-build-servers");
            var (exitCode, log) = await RunAsync(root, ["dotnet", .. args]);
            Assert.True(exitCode == 0, log);

            // Everything the runtime stage copies from the build stage's publish folder (relative to the build
            // stage's WORKDIR) lands in WORKDIR /app.
            var copy = DockerfileInstructions.Words(Assert.Single(runtime.All("COPY"), copy => copy.StartsWith($"--from={build.Name}", StringComparison.Ordinal)));
            var buildWorkdir = Assert.Single(build.All("WORKDIR"));
            Assert.Equal(Path.Combine(buildWorkdir, publishedTo).Replace('\\', '/').TrimEnd('/'), copy[1].TrimEnd('/'));
            var imageRoot = copy[2].TrimEnd('/');
            string Local(string imagePath) => Path.Combine(output, Path.GetRelativePath(imageRoot, imagePath));

            var entrypoint = DockerfileInstructions.ExecForm(Assert.Single(runtime.All("ENTRYPOINT")));
            var healthcheck = DockerfileInstructions.ExecForm(Assert.Single(runtime.All("HEALTHCHECK")));
            Assert.Equal("dotnet", entrypoint[0]);
            Assert.Equal("dotnet", healthcheck[0]);
            Assert.True(File.Exists(Local(entrypoint[1])), $"ENTRYPOINT runs {entrypoint[1]}, which the publish does not produce");
            Assert.True(File.Exists(Local(healthcheck[1])), $"HEALTHCHECK runs {healthcheck[1]}, which the publish does not produce");
            Assert.Equal(["run"], DockerfileInstructions.ExecForm(Assert.Single(runtime.All("CMD"))));
            Assert.True(File.Exists(Path.Combine(output, "appsettings.json")), "the configuration file is not published beside the executable");
            Assert.True(File.Exists(Path.Combine(output, "isitdown.deps.json")));

            // The executable needs ASP.NET Core's shared framework (Kestrel): the runtime image must carry it.
            var runtimeConfig = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "isitdown.runtimeconfig.json")))!;
            var frameworks = runtimeConfig["runtimeOptions"]!["frameworks"]!.AsArray().Select(framework => (string?)framework!["name"]);
            Assert.Contains("Microsoft.AspNetCore.App", frameworks);
            Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", runtime.Image, StringComparison.Ordinal);

            // The published health check command exists and starts.
            var (helpExit, help) = await RunAsync(output, ["dotnet", Local(healthcheck[1]), .. healthcheck.Skip(2), "--help"]);
            Assert.True(helpExit == 0, help);
            Assert.Contains("/healthz", help, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public void RestoreLayer_CopiesTheRestoredProjectWithItsReferencesAndBuildFiles_AndNothingElse()
    {
        var root = RepositoryRoot();
        var build = DockerfileInstructions.Parse(File.ReadAllText(Path.Combine(root, "Dockerfile"))).Stages[0];
        var restore = DockerfileInstructions.Words(Assert.Single(build.All("RUN"), run => run.StartsWith("dotnet restore", StringComparison.Ordinal)));
        var beforeRestore = build.Instructions
            .TakeWhile(instruction => !(instruction.Keyword == "RUN" && instruction.Text.StartsWith("dotnet restore", StringComparison.Ordinal)))
            .Where(instruction => instruction.Keyword == "COPY")
            .SelectMany(instruction => DockerfileInstructions.Words(instruction.Text).SkipLast(1))
            .ToHashSet(StringComparer.Ordinal);

        // A project reference not copied here breaks the restore in the image; any other file copied here is a
        // file whose change throws the restored layer away for nothing.
        var needed = ProjectClosure(root, restore[2])
            .Concat(["global.json", "Directory.Build.props", "Directory.Packages.props"])
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(needed.Order(StringComparer.Ordinal), beforeRestore.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void BuildStage_RunsNoTests_SoTheImageBuildsWithoutADatabaseServer()
    {
        var build = DockerfileInstructions.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "Dockerfile"))).Stages[0];

        // The PostgreSQL store tests need a server no image build has: CI runs the tests, beside the image.
        Assert.DoesNotContain(build.All("RUN"), run => run.Contains("dotnet test", StringComparison.Ordinal));
        Assert.All(build.All("RUN"), run => Assert.DoesNotContain(".sln", run, StringComparison.Ordinal));
    }

    [Fact]
    public void Images_ArePinnedToPatchVersionsOfGlobalJsonsRelease()
    {
        var root = RepositoryRoot();
        var stages = DockerfileInstructions.Parse(File.ReadAllText(Path.Combine(root, "Dockerfile"))).Stages;
        var sdk = Version.Parse(stages[0].Image.Split(':')[1]);
        var runtime = Version.Parse(stages[^1].Image.Split(':')[1]);
        var globalJson = Version.Parse((string)JsonNode.Parse(File.ReadAllText(Path.Combine(root, "global.json")))!["sdk"]!["version"]!);

        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", stages[0].Image, StringComparison.Ordinal);
        Assert.Equal(3, stages[0].Image.Split(':')[1].Split('.').Length);
        Assert.Equal(3, stages[^1].Image.Split(':')[1].Split('.').Length);

        // global.json rolls forward to later feature bands of its major.minor: the SDK image must be one of them,
        // and the runtime image of that same release.
        Assert.Equal((globalJson.Major, globalJson.Minor), (sdk.Major, sdk.Minor));
        Assert.True(sdk >= globalJson, $"The SDK image {sdk} is older than global.json's {globalJson}");
        Assert.Equal((sdk.Major, sdk.Minor), (runtime.Major, runtime.Minor));
    }

    /// <summary>A project and every project it references, directly or not, as paths from the repository root.</summary>
    private static IEnumerable<string> ProjectClosure(string root, string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project.Replace('\\', '/')]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(Path.Combine(root, current))!;
            foreach (var reference in System.Xml.Linq.XDocument.Load(Path.Combine(root, current)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar)));
                pending.Push(Path.GetRelativePath(root, full).Replace('\\', '/'));
            }
        }

        return seen;
    }

    [Fact]
    public void Dockerfile_RunsAsTheImagesUnprivilegedUser_WithTheDatabaseOnTheDataVolume_AndExposesTheHealthPort()
    {
        var runtime = DockerfileInstructions.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "Dockerfile"))).Stages[^1];

        Assert.Equal("$APP_UID", Assert.Single(runtime.All("USER")));
        Assert.Equal("[\"/data\"]", Assert.Single(runtime.All("VOLUME")));
        Assert.Equal("9464", Assert.Single(runtime.All("EXPOSE")));
        var environment = string.Join(' ', runtime.All("ENV"));
        Assert.Contains("IsItDown__Storage__Path=/data/isitdown.db", environment, StringComparison.Ordinal);
        Assert.Contains("IsItDown__Health__Urls=http://0.0.0.0:9464", environment, StringComparison.Ordinal);
    }

    private static int IndexAfter(IReadOnlyList<string> words, string flag)
    {
        for (var i = 0; i < words.Count - 1; i++)
        {
            if (words[i] == flag)
            {
                return i + 1;
            }
        }

        throw new InvalidOperationException($"No {flag} in: {string.Join(' ', words)}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string directory, IReadOnlyList<string> command)
    {
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(PublishPatience);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IsItDownBot.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return directory.FullName;
    }
}
