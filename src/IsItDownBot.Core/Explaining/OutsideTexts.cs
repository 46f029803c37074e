using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Routing;
using IsItDownBot.Core.Probing.StatusPages;

namespace IsItDownBot.Core.Explaining;

/// <summary>The words for routing data and status pages, English and French side by side.</summary>
internal sealed class OutsideTexts(ProbeEvidence evidence)
{
    // Enough to show what is affected without turning a chat answer into the status page itself.
    private const int MaxComponents = 4;

    private string Name => evidence.Service.Name;

    private string Zone => string.IsNullOrEmpty(evidence.Service.Zone) ? Name : evidence.Service.Zone;

    public static Phrase RoutingSource => new("routing data", "les données de routage");

    public Phrase StatusPageSource => new($"{Name}'s status page", $"la page d’état de {Name}");

    public static Phrase CouldNotCheck(IReadOnlyList<Phrase> sources) =>
        new($"Could not check in time: {Phrase.Join(", ", sources).English}.", $"Impossible à vérifier à temps : {Phrase.Join(", ", sources).French}.");

    public Cause NameServerRoutesWithdrawn(Cause cause, IReadOnlyList<RouteVisibility> routes) => cause with
    {
        Summary = new($"DNS failure: the routes to {Zone}'s name servers have been withdrawn from the internet, so no one can find {Name}'s servers",
            $"Panne DNS : les routes vers les serveurs de noms de {Zone} ont été retirées d’internet, donc personne ne trouve les serveurs de {Name}"),
        Explanation = cause.Explanation.Then(new(
            $"Route collectors no longer see {Prefixes(routes, RouteState.Withdrawn)}: {Name}'s network has stopped announcing them, so its name servers "
            + "cannot be reached from anywhere on the internet.",
            $"Les collecteurs de routes ne voient plus {Prefixes(routes, RouteState.Withdrawn)} : le réseau de {Name} a cessé de les annoncer, donc ses "
            + "serveurs de noms sont injoignables depuis tout internet.")),
    };

    public Cause ServerRoutesWithdrawn(Cause cause, IReadOnlyList<RouteVisibility> routes) => cause with
    {
        Summary = new($"{Name}'s servers are unreachable: the routes to them have been withdrawn from the internet",
            $"Les serveurs de {Name} sont injoignables : les routes vers eux ont été retirées d’internet"),
        Explanation = cause.Explanation.Then(new(
            $"Route collectors no longer see {Prefixes(routes, RouteState.Withdrawn)}: {Name}'s network has stopped announcing them, so no one can reach those servers.",
            $"Les collecteurs de routes ne voient plus {Prefixes(routes, RouteState.Withdrawn)} : le réseau de {Name} a cessé de les annoncer, donc personne ne peut joindre ces serveurs.")),
    };

    public Phrase NameServerRoutesSeen(IReadOnlyList<RouteVisibility> routes) => new(
        $"The routes to {Zone}'s name servers are still announced ({Prefixes(routes, RouteState.Announced)}): the servers themselves do not answer.",
        $"Les routes vers les serveurs de noms de {Zone} sont toujours annoncées ({Prefixes(routes, RouteState.Announced)}) : ce sont les serveurs eux-mêmes qui ne répondent pas.");

    public Phrase ServerRoutesSeen(IReadOnlyList<RouteVisibility> routes) => new(
        $"The routes to {Name}'s servers are still announced ({Prefixes(routes, RouteState.Announced)}): the servers or their network drop the connections.",
        $"Les routes vers les serveurs de {Name} sont toujours annoncées ({Prefixes(routes, RouteState.Announced)}) : ce sont les serveurs ou leur réseau qui ignorent les connexions.");

    /// <summary>Said instead of any claim about the routes when the source answered for half of the addresses or fewer.</summary>
    public static Phrase RoutingIncomplete(IReadOnlyList<RouteVisibility> routes)
    {
        var answered = RoutingEvidence.Answered(routes);
        return new(
            $"Routing data was incomplete: the routing source answered for {answered} of the {routes.Count} addresses asked about, too few to tell whether their routes were withdrawn.",
            $"Les données de routage étaient incomplètes : la source de routage a répondu pour {answered} des {routes.Count} adresses demandées, trop peu pour dire si leurs routes ont été retirées.");
    }

    public Phrase StatusPageAdmits(StatusPageEvidence page) => new(
        $"{Name}'s status page admits it: {Admission(page, Language.English)}.",
        $"La page d’état de {Name} le reconnaît : {Admission(page, Language.French)}.");

    public Phrase StatusPageDenies(Cause cause) => new(
        $"{Name}'s status page says all systems operational, but {CauseTexts.FirstLower(cause.Summary.English, Name)}.",
        $"La page d’état de {Name} indique que tout fonctionne, mais {CauseTexts.FirstLower(cause.Summary.French, Name)}.");

    public Phrase StatusPageAdmitsWhileUp(StatusPageEvidence page) => new(
        $"{Name}'s status page reports {Admission(page, Language.English)}, but every check passed from here: it may affect only some features, regions or people.",
        $"La page d’état de {Name} signale {Admission(page, Language.French)}, mais toutes les vérifications passent d’ici : cela ne touche peut-être que certaines fonctions, régions ou personnes.");

    public Cause IncidentWhileProbesPass(StatusPageEvidence page) => new(
        CauseCodes.StatusPageIncident,
        new($"{Name} answers from here, but its status page reports {Admission(page, Language.English)}",
            $"{Name} répond d’ici, mais sa page d’état signale {Admission(page, Language.French)}"),
        new($"Every check the bot can make passes: DNS, connection, certificate and web server. {Name}'s own status page "
            + "nevertheless reports a major problem, probably in a part the bot cannot see from outside (logins, messages, an app). "
            + "Some people will see errors.",
            $"Toutes les vérifications que le bot peut faire passent : DNS, connexion, certificat et serveur web. La page d’état de "
            + $"{Name} signale pourtant un problème majeur, sans doute dans une partie invisible de l’extérieur (connexion, messages, "
            + "une application). Certaines personnes verront des erreurs."));

    /// <summary>"Partial System Outage — API (major outage), Voice (degraded performance)"; the page's own words stay as written.</summary>
    private static string Admission(StatusPageEvidence page, Language language)
    {
        var headline = string.IsNullOrWhiteSpace(page.Description) ? StateWords(page.State, language) : $"“{page.Description}”";
        var components = page.Affected.Take(MaxComponents).Select(component => $"{component.Name} ({ComponentStatus(component.Status, language)})").ToList();
        if (page.Affected.Count > MaxComponents)
        {
            components.Add(language == Language.French ? $"et {page.Affected.Count - MaxComponents} autres" : $"and {page.Affected.Count - MaxComponents} more");
        }

        var separator = language == Language.French ? " ; " : "; ";
        var incident = page.Incidents.Count > 0 ? $"{separator}“{page.Incidents[0].Name}” ({page.Incidents[0].Status})" : "";
        return components.Count == 0 ? headline + incident : $"{headline} — {string.Join(", ", components)}{incident}";
    }

    private static string StateWords(StatusPageState state, Language language) => (state, language) switch
    {
        (StatusPageState.Minor, Language.French) => "un incident mineur",
        (StatusPageState.Major, Language.French) => "une panne majeure",
        (StatusPageState.Critical, Language.French) => "une panne critique",
        (StatusPageState.Maintenance, Language.French) => "une maintenance",
        (StatusPageState.Minor, _) => "a minor incident",
        (StatusPageState.Major, _) => "a major outage",
        (StatusPageState.Critical, _) => "a critical outage",
        (StatusPageState.Maintenance, _) => "maintenance",
        _ => language == Language.French ? "aucun problème" : "no problem",
    };

    private static string ComponentStatus(string status, Language language) => (status, language) switch
    {
        ("degraded_performance", Language.French) => "performances dégradées",
        ("partial_outage", Language.French) => "panne partielle",
        ("major_outage", Language.French) => "panne majeure",
        ("under_maintenance", Language.French) => "en maintenance",
        _ => status.Replace('_', ' '),
    };

    /// <summary>Only the addresses the source answered for, in that state: an address it could not tell about is neither seen nor gone.</summary>
    private static string Prefixes(IReadOnlyList<RouteVisibility> routes, RouteState state)
    {
        var prefixes = routes.Where(route => route.State == state).Select(route => route.Prefix ?? route.Address.ToString()).Distinct().ToList();
        return string.Join(", ", prefixes);
    }
}
