using System.ComponentModel.DataAnnotations;

namespace IsItDownBot.Core.Vantages;

/// <summary>
/// The <c>IsItDown:Vantages</c> section, plus this instance's own name, read from <c>IsItDown:Vantage</c> beside the
/// sections: it is the one setting each instance sets differently, so it stays a single short key.
/// </summary>
public sealed class VantageOptions
{
    public const string SectionName = "IsItDown:Vantages";

    /// <summary>The key of <see cref="Name"/>.</summary>
    public const string NameKey = "IsItDown:Vantage";

    /// <summary>
    /// Not the machine name: a container's host name changes on every start and would leave a trail of vantages
    /// that look distinct; two instances that both keep the default simply share one row per service.
    /// </summary>
    public const string DefaultName = "local";

    public const int MaxNameLength = 32;

    public static readonly TimeSpan DefaultFreshness = TimeSpan.FromMinutes(2);
    public const int DefaultQuorum = 1;

    /// <summary>This instance's vantage point ("eu-west"): letters, digits and '-', at most 32 characters.</summary>
    public string Name { get; set; } = DefaultName;

    /// <summary>How old another vantage point's result may be and still count in an answer or in the monitor's quorum.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Freshness { get; set; } = DefaultFreshness;

    /// <summary>How many vantage points (this one included) must see a service down for the monitor to declare an outage.</summary>
    [Range(1, 100)]
    public int Quorum { get; set; } = DefaultQuorum;
}
