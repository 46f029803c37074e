using System.Text.Json;

namespace IsItDownBot.Core;

/// <summary>
/// Reads a JSON string without trusting it: JSON may escape a lone surrogate ("\ud800"), which is valid JSON but no
/// valid .NET string, and <see cref="JsonElement.GetString"/> throws on it. Such a value is treated as absent.
/// </summary>
public static class JsonStrings
{
    public static string? Read(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
