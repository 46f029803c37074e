using System.Globalization;

namespace IsItDownBot.Testing;

/// <summary>
/// Tokens shaped like the platforms' (Telegram: "bot id:secret"; Discord: three dot-separated parts), made fresh
/// for each test run: a leak test needs a value it can search the output for, and nothing token-shaped belongs in
/// the repository, where a scanner cannot tell it from a real one.
/// </summary>
public static class TestTokens
{
    public static string Telegram() =>
        string.Create(CultureInfo.InvariantCulture, $"{Random.Shared.Next(100_000_000, 999_999_999)}:test-{Guid.NewGuid():N}");

    public static string Discord() =>
        string.Create(CultureInfo.InvariantCulture, $"test-{Guid.NewGuid():N}.{Guid.NewGuid():N}.{Guid.NewGuid():N}");
}
