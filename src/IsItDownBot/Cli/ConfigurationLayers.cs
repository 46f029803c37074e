namespace IsItDownBot.Cli;

/// <summary>
/// Stacks configuration layers (the shipped file, --config, user secrets, environment variables) so that a layer
/// can shrink what is below it. .NET's own stacking merges lists by index: an overlay with one control host keeps
/// the shipped second and third, and a list can never be emptied. Here a list a layer gives (a path whose children
/// are numbered 0, 1, 2...) replaces that list of every lower layer whole, and so does an empty value (<c>[]</c>,
/// <c>{}</c>, <c>null</c> in JSON, <c>IsItDown__Dns__RootServers=</c> in the environment), which leaves it empty.
/// Everything else still merges key by key, so a one-key overlay changes one key.
/// </summary>
internal static class ConfigurationLayers
{
    private const string ConfigurationPathSeparator = ":";

    /// <param name="layers">Each layer's keys and values as <c>IConfiguration.AsEnumerable()</c> gives them, lowest first.</param>
    /// <returns>The values that hold, empty values left out: a key that is not there reads as unset.</returns>
    public static Dictionary<string, string> Compose(IEnumerable<IEnumerable<KeyValuePair<string, string?>>> layers)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var layer in layers)
        {
            var keys = layer.ToList();
            var values = keys.Where(pair => !string.IsNullOrEmpty(pair.Value)).ToList();
            foreach (var replaced in ReplacedPaths(keys))
            {
                var prefix = replaced + ConfigurationPathSeparator;
                result.Remove(replaced);
                foreach (var hidden in result.Keys.Where(key => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList())
                {
                    result.Remove(hidden);
                }
            }

            foreach (var (key, value) in values)
            {
                result[key] = value!;
            }
        }

        return result;
    }

    // The lists a layer gives, and the paths it empties: an empty value with nothing under it in the same layer (an
    // intermediate section, such as IsItDown, also comes with a null value, but has children).
    private static HashSet<string> ReplacedPaths(List<KeyValuePair<string, string?>> keys)
    {
        var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, _) in keys)
        {
            var segments = key.Split(ConfigurationPathSeparator);
            for (var i = 1; i < segments.Length; i++)
            {
                if (segments[i].All(char.IsAsciiDigit))
                {
                    paths.Add(string.Join(ConfigurationPathSeparator, segments[..i]));
                }
            }
        }

        var parents = new HashSet<string>(keys.Select(pair => pair.Key).SelectMany(Ancestors), StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in keys)
        {
            if (string.IsNullOrEmpty(value) && !parents.Contains(key))
            {
                paths.Add(key);
            }
        }

        return paths;
    }

    private static IEnumerable<string> Ancestors(string key)
    {
        for (var end = key.LastIndexOf(ConfigurationPathSeparator, StringComparison.Ordinal); end > 0; end = key.LastIndexOf(ConfigurationPathSeparator, end - 1, StringComparison.Ordinal))
        {
            yield return key[..end];
        }
    }
}
