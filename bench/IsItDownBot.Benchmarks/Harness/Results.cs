using System.Globalization;
using System.Text;

namespace IsItDownBot.Benchmarks.Harness;

/// <summary>
/// The measurements of one run, by scenario: each a value, the goal it is held to, and whether it met it.
/// Printed as Markdown tables and written to a file that BENCHMARKS.md quotes.
/// </summary>
internal sealed class Results
{
    private readonly List<Row> _rows = [];
    private readonly List<(string Scenario, string Text)> _notes = [];

    public void Add(string scenario, string measure, string value, string goal = "", bool? met = null)
    {
        lock (_rows)
        {
            _rows.Add(new Row(scenario, measure, value, goal, met));
        }

        Console.WriteLine($"  {measure}: {value}{(goal.Length > 0 ? $"   (goal {goal}: {Verdict(met)})" : "")}");
    }

    public void Note(string scenario, string text)
    {
        lock (_rows)
        {
            _notes.Add((scenario, text));
        }

        Console.WriteLine($"  note: {text}");
    }

    public string ToMarkdown(string header)
    {
        var text = new StringBuilder(header).AppendLine();
        foreach (var scenario in _rows.Select(row => row.Scenario).Concat(_notes.Select(note => note.Scenario)).Distinct())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"### {scenario}").AppendLine();
            var rows = _rows.Where(row => row.Scenario == scenario).ToList();
            if (rows.Count > 0)
            {
                text.AppendLine("| measure | value | goal | |").AppendLine("| --- | --- | --- | --- |");
                foreach (var row in rows)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Measure} | {row.Value} | {row.Goal} | {(row.Goal.Length > 0 ? Verdict(row.Met) : "")} |");
                }

                text.AppendLine();
            }

            foreach (var (_, note) in _notes.Where(note => note.Scenario == scenario))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static string Verdict(bool? met) => met switch
    {
        true => "met",
        false => "**missed**",
        null => "",
    };

    private sealed record Row(string Scenario, string Measure, string Value, string Goal, bool? Met);
}
