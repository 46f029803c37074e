using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using IsItDownBot.Cli;

namespace IsItDownBot.Tests.Documentation;

/// <summary>
/// The configuration keys the bot reads, generalised the way the README writes them: a list of values is one key
/// (<c>IsItDown:Dns:Resolvers</c>), an entry of a list of objects is <c>&lt;n&gt;</c>, and an id chosen by the
/// operator (a service, a group, a platform) is a placeholder such as <c>&lt;id&gt;</c>. Every placeholder is
/// written <c>&lt;*&gt;</c> here, so <c>&lt;id&gt;</c> and <c>&lt;platform&gt;</c> compare equal.
/// </summary>
internal static class ConfigurationKeys
{
    public const string Placeholder = "<*>";

    /// <summary>
    /// Keys that an options class declares but that are bound from somewhere else: ProbeOptions.ControlHosts is
    /// read from <c>IsItDown:ControlHosts</c>, beside the sections, not from under <c>IsItDown:Probes</c>; likewise
    /// VantageOptions.Name from <c>IsItDown:Vantage</c>.
    /// </summary>
    private static readonly Dictionary<string, string> BoundElsewhere = new(StringComparer.Ordinal)
    {
        ["IsItDown:Probes:ControlHosts"] = "IsItDown:ControlHosts",
        ["IsItDown:Vantages:Name"] = "IsItDown:Vantage",
    };

    /// <summary>
    /// Every public settable property of every options class (a type with a <c>SectionName</c> constant) in the
    /// executable and the bot's assemblies it references, under its section.
    /// </summary>
    public static IReadOnlySet<string> FromOptionsClasses()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in BotAssemblies().SelectMany(assembly => assembly.GetTypes()))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field)
            {
                AddProperties((string)field.GetRawConstantValue()!, type, keys);
            }
        }

        return keys.Select(key => BoundElsewhere.GetValueOrDefault(key, key)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every key the shipped appsettings.json sets, with list indexes and ids generalised.</summary>
    /// <param name="patterns">The keys of the options classes: a segment under one of their placeholders is an id.</param>
    public static IReadOnlySet<string> FromJson(JsonNode json, IReadOnlySet<string> patterns)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        AddLeaves(json, [], keys);
        return keys.Select(key => patterns.FirstOrDefault(pattern => Matches(pattern, key)) ?? key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Any placeholder, <c>&lt;id&gt;</c> or <c>&lt;n&gt;</c>, written the same way.</summary>
    public static string Normalize(string key) => string.Join(':', key.Split(':').Select(segment => segment.StartsWith('<') ? Placeholder : segment));

    private static IEnumerable<Assembly> BotAssemblies()
    {
        var executable = typeof(AppConfiguration).Assembly;
        return executable.GetReferencedAssemblies()
            .Where(name => name.Name!.StartsWith("IsItDownBot", StringComparison.Ordinal))
            .Select(Assembly.Load)
            .Prepend(executable);
    }

    private static void AddProperties(string prefix, Type type, ISet<string> keys)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.SetMethod is { IsPublic: true }))
        {
            AddValue($"{prefix}:{property.Name}", property.PropertyType, keys);
        }
    }

    private static void AddValue(string key, Type type, ISet<string> keys)
    {
        if (IsScalar(type))
        {
            keys.Add(key);
        }
        else if (DictionaryValueType(type) is { } value)
        {
            AddValue($"{key}:{Placeholder}", value, keys);
        }
        else if (ListElementType(type) is { } element)
        {
            if (IsScalar(element))
            {
                keys.Add(key);
            }
            else
            {
                AddProperties($"{key}:{Placeholder}", element, keys);
            }
        }
        else
        {
            AddProperties(key, type, keys);
        }
    }

    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(Guid);
    }

    private static Type? DictionaryValueType(Type type) => type.GetInterfaces().Append(type)
        .FirstOrDefault(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IDictionary<,>))
        ?.GetGenericArguments()[1];

    private static Type? ListElementType(Type type) => typeof(IEnumerable).IsAssignableFrom(type)
        ? type.GetInterfaces().Append(type)
            .FirstOrDefault(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0]
        : null;

    // A value, null, or an empty list or object is a key; a list of values is one key, its entries are not.
    private static void AddLeaves(JsonNode? node, List<string> path, ISet<string> keys)
    {
        switch (node)
        {
            case JsonObject { Count: > 0 } json:
                foreach (var (name, child) in json)
                {
                    AddLeaves(child, [.. path, name], keys);
                }

                break;
            case JsonArray array when array.Any(entry => entry is JsonObject):
                foreach (var entry in array)
                {
                    AddLeaves(entry, [.. path, Placeholder], keys);
                }

                break;
            default:
                keys.Add(string.Join(':', path));
                break;
        }
    }

    private static bool Matches(string pattern, string key)
    {
        var expected = pattern.Split(':');
        var actual = key.Split(':');
        return expected.Length == actual.Length
            && expected.Zip(actual).All(pair => pair.First == Placeholder || string.Equals(pair.First, pair.Second, StringComparison.Ordinal));
    }
}
