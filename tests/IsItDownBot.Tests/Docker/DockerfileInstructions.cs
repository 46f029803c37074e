using System.Text.Json;
using System.Text.RegularExpressions;

namespace IsItDownBot.Tests.Docker;

/// <summary>The Dockerfile read as stages of instructions: enough to know what each stage runs and copies.</summary>
internal sealed partial record DockerfileInstructions(IReadOnlyList<DockerStage> Stages)
{
    public static DockerfileInstructions Parse(string text)
    {
        var stages = new List<DockerStage>();
        var logical = new List<string>();
        var current = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (current.Length == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0))
            {
                continue;
            }

            // A trailing backslash continues the instruction on the next line.
            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            logical.Add((current + line).Trim());
            current = "";
        }

        foreach (var instruction in logical)
        {
            var space = instruction.IndexOf(' ', StringComparison.Ordinal);
            var keyword = instruction[..space].ToUpperInvariant();
            var rest = instruction[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new DockerStage(parts[0], parts.Length == 3 ? parts[2] : null, new List<(string, string)>()));
            }
            else
            {
                ((List<(string, string)>)stages[^1].Instructions).Add((keyword, rest));
            }
        }

        return new DockerfileInstructions(stages);
    }

    /// <summary>The words of an exec-form instruction (<c>["dotnet", "x.dll"]</c>), after any <c>--flag=value</c>s.</summary>
    public static IReadOnlyList<string> ExecForm(string rest)
    {
        var start = rest.IndexOf('[', StringComparison.Ordinal);
        return JsonSerializer.Deserialize<string[]>(rest[start..]) ?? [];
    }

    /// <summary>The words of a shell-form RUN, split on spaces (the Dockerfile's RUN lines quote nothing).</summary>
    public static IReadOnlyList<string> Words(string rest) => Spaces().Split(rest.Trim());

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

internal sealed record DockerStage(string Image, string? Name, IReadOnlyList<(string Keyword, string Text)> Instructions)
{
    public IEnumerable<string> All(string keyword) =>
        Instructions.Where(instruction => instruction.Keyword == keyword).Select(instruction => instruction.Text);
}
