using System.ComponentModel.DataAnnotations;

namespace IsItDownBot.Core.Storage;

/// <summary>The <c>IsItDown:Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "IsItDown:Storage";
    public const string DefaultPath = "isitdown.db";

    /// <summary>The SQLite database file, relative to the working directory unless absolute.</summary>
    [Required]
    public string Path { get; set; } = DefaultPath;
}
