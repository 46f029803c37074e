using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Delegation;

namespace IsItDownBot.Core.Explaining;

/// <summary>The words for what the zone's own name servers showed, English and French side by side.</summary>
internal sealed class DelegationTexts(ProbeEvidence evidence)
{
    private string Name => evidence.Service.Name;

    private string Zone => evidence.Delegation.Zone.Length > 0 ? evidence.Delegation.Zone : evidence.Service.Zone;

    /// <summary>The cause when every resolver fails and the name servers, asked directly, show why.</summary>
    public Cause For(string code, string host) => code switch
    {
        CauseCodes.DnsLameDelegation => new(
            code,
            new($"DNS failure: {Zone}'s name servers refuse to answer for it (lame delegation)",
                $"Panne DNS : les serveurs de noms de {Zone} refusent de répondre pour lui (délégation boiteuse)"),
            new($"Every DNS resolver fails to look up {host}. The name servers {Zone} is delegated to ({LameServers()}) "
                + $"answer, but refuse the zone or answer without authority: they are not set up to serve it. The problem is in "
                + $"{Name}'s DNS configuration; no one can find its servers until it is fixed.",
                $"Tous les résolveurs DNS échouent sur {host}. Les serveurs de noms auxquels {Zone} est délégué ({LameServers()}) "
                + $"répondent, mais refusent la zone ou répondent sans autorité : ils ne sont pas configurés pour la servir. Le problème "
                + $"vient de la configuration DNS de {Name} ; personne ne trouve ses serveurs tant qu’elle n’est pas corrigée.")),
        _ => new(
            CauseCodes.DnsResolverSide,
            new($"DNS failure at the resolvers: {Zone}'s own name servers answer correctly",
                $"Panne DNS chez les résolveurs : les serveurs de noms de {Zone} répondent correctement"),
            new($"Public DNS resolvers fail to look up {host}, yet {Zone}'s name servers answer for it when asked directly. "
                + "The problem sits between them, often a DNSSEC signature the resolvers reject, or trouble at the resolvers "
                + $"themselves. Until it is fixed, anyone using those resolvers cannot reach {Name}.",
                $"Les résolveurs DNS publics échouent sur {host}, alors que les serveurs de noms de {Zone} répondent quand on les "
                + "interroge directement. Le problème se situe entre les deux : souvent une signature DNSSEC que les résolveurs "
                + $"rejettent, ou un souci chez les résolveurs eux-mêmes. D’ici là, ceux qui utilisent ces résolveurs ne joignent pas {Name}.")),
    };

    /// <summary>
    /// The service answers, but its name servers do not: it lives on cached answers. Said only when the parent
    /// zone answered, which proves direct DNS queries work from here.
    /// </summary>
    public Cause SilentWhileUp() => new(
        CauseCodes.DnsAuthoritativeUnreachable,
        new($"{Name} still works, but {Zone}'s name servers do not answer", $"{Name} fonctionne encore, mais les serveurs de noms de {Zone} ne répondent pas"),
        new($"{Name}'s servers answer, but not one of {Zone}'s name servers does. Resolvers still hold recent answers in their "
            + $"caches; as those expire, more and more people will fail to find {Name}.",
            $"Les serveurs de {Name} répondent, mais aucun des serveurs de noms de {Zone}. Les résolveurs gardent encore des réponses "
            + $"récentes en cache ; à mesure qu’elles expirent, de plus en plus de gens ne trouveront plus {Name}."));

    public Phrase SomeSilent() => new(
        $"Some of {Zone}'s name servers do not answer ({SilentServers()}); the others still cover for them.",
        $"Certains serveurs de noms de {Zone} ne répondent pas ({SilentServers()}) ; les autres prennent le relais.");

    public Phrase SomeLame() => new(
        $"Some of {Zone}'s name servers refuse the zone or answer without authority ({LameServers()}): a lame delegation that makes some lookups fail.",
        $"Certains serveurs de noms de {Zone} refusent la zone ou répondent sans autorité ({LameServers()}) : une délégation boiteuse qui fait échouer certaines recherches.");

    /// <summary>A note only: servers out of step still answer, the worst is an outdated answer for a while.</summary>
    public Phrase SerialsDisagree() => new(
        $"Some of {Zone}'s name servers at the same DNS provider disagree about the zone (SOA serials {Serials()}): a change is still "
            + "being published, or a server is stuck on an old copy; some people may get outdated answers.",
        $"Certains serveurs de noms de {Zone} chez le même fournisseur DNS ne sont pas d’accord sur la zone (numéros de série SOA {Serials()}) : "
            + "un changement est encore en cours de publication, ou un serveur est resté sur une ancienne copie ; certains peuvent recevoir des réponses périmées.");

    /// <summary>Servers that did not answer on any address or transport: one that answered elsewhere is not silent.</summary>
    private string SilentServers() => List(evidence.Delegation.Checks
        .GroupBy(check => check.Server, StringComparer.OrdinalIgnoreCase)
        .Where(server => !server.Any(check => check.Answered))
        .Select(server => server.Key));

    private string LameServers() => List(evidence.Delegation.Checks.Where(check => check.Lame).Select(check => check.Server));

    private string List(IEnumerable<string> servers)
    {
        var names = servers.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return names.Count == 0 ? Zone : string.Join(", ", names);
    }

    /// <summary>"2021100317 (b.ns.facebook.com), 2021100401 (a.ns.facebook.com)": only the servers out of step with their provider's others.</summary>
    private string Serials() => string.Join(", ", DelegationStatusRules.OutOfStep(evidence.Delegation.Checks)
        .GroupBy(check => check.Serial!.Value)
        .OrderBy(serial => serial.Key)
        .Select(serial => $"{serial.Key} ({string.Join(", ", serial.Select(check => check.Server).Distinct(StringComparer.OrdinalIgnoreCase))})"));
}
