using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Replay.Scenarios;

/// <summary>
/// A certificate nobody renewed: at midnight it expires, every client refuses the connection, and the service is
/// down for everyone although its servers run fine, until a renewed certificate is installed.
/// </summary>
public sealed class ExpiredCertificate : IReplayScenario
{
    private static readonly DateTimeOffset Expiry = ReplayStep.IllustrativeDay.AddDays(1);
    private static readonly string[] Hosts = ["open.spotify.test", "api.spotify.test"];

    public string Id => "expired-certificate";

    public bool IsIllustrative => true;

    public Phrase Title => new("Spotify's certificate expires at midnight", "Le certificat de Spotify expire à minuit");

    public Phrase Description => new(
        "The servers keep running, but their certificate expires and no client accepts it any more, until it is renewed.",
        "Les serveurs tournent toujours, mais leur certificat expire et plus aucun client ne l’accepte, jusqu’à son renouvellement.");

    public IReadOnlyList<string> Featured { get; } = ["spotify"];

    public IReadOnlyList<string> Watched { get; } = ["spotify"];

    public IReadOnlyList<ReplayStep> Steps { get; } =
    [
        ReplayStep.Illustrative("23:50", new(
            "Ten minutes to midnight: Spotify works, on a certificate valid until midnight.",
            "Minuit moins dix : Spotify fonctionne, avec un certificat valable jusqu’à minuit.")),
        ReplayStep.Illustrative("1.00:10", new(
            "Midnight has passed: the servers still present the same certificate, now expired.",
            "Minuit est passé : les serveurs présentent toujours le même certificat, désormais expiré.")),
        ReplayStep.Illustrative("1.01:30", new(
            "An engineer is woken up and installs a renewed certificate.",
            "Un ingénieur, réveillé, installe un certificat renouvelé."),
            world => world.Edge("spotify").UseCertificate(world.IssueValidCertificate(Hosts))),
    ];

    public async Task SetUpAsync(ReplayWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var edge = await world.AddServiceAsync("spotify", "Spotify", null, Hosts).ConfigureAwait(false);
        edge.UseCertificate(world.IssueCertificate(Expiry.AddDays(-90), Expiry, Hosts));
    }
}
