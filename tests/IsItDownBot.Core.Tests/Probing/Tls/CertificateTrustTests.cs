using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Tls;
using IsItDownBot.Replay.Loopback;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IsItDownBot.Core.Tests.Probing.Tls;

public sealed class CertificateTrustTests
{
    private readonly CertificateTrust _trust = new(Options.Create(new ProbeOptions()), new FakeTimeProvider(DateTimeOffset.UtcNow));

    [Fact]
    public void Judge_WhenOnlyTheIntermediateIsMissing_ReportsAnIncompleteChain()
    {
        using var authority = new ThrowawayCertificateAuthority();
        using var leaf = authority.IssueFromMissingIntermediate("www.chain.test", new Uri("http://127.0.0.1/intermediate.cer"));

        var (outcome, _) = _trust.Judge(leaf, SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.PartialChain);

        Assert.Equal(ProbeOutcome.CertificateChainIncomplete, outcome);
    }

    [Theory]
    [InlineData(X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.NotSignatureValid)]
    [InlineData(X509ChainStatusFlags.UntrustedRoot)]
    [InlineData(X509ChainStatusFlags.NoError)]
    public void Judge_WhenTheChainHasAnyOtherProblem_ReportsItUntrusted(X509ChainStatusFlags status)
    {
        using var authority = new ThrowawayCertificateAuthority();
        using var leaf = authority.IssueFromMissingIntermediate("www.chain.test", new Uri("http://127.0.0.1/intermediate.cer"));

        var (outcome, _) = _trust.Judge(leaf, SslPolicyErrors.RemoteCertificateChainErrors, status);

        Assert.Equal(ProbeOutcome.CertificateUntrusted, outcome);
    }

    [Fact]
    public void Judge_APartialChainThatNamesNoIssuerToFetch_IsUntrusted()
    {
        // Nobody, browsers included, can complete a chain whose certificate does not say where its issuer is.
        using var authority = new ThrowawayCertificateAuthority();
        using var leaf = authority.IssueValid("www.chain.test");

        var (outcome, _) = _trust.Judge(leaf, SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.PartialChain);

        Assert.Equal(ProbeOutcome.CertificateUntrusted, outcome);
    }

    [Fact]
    public void Judge_AHostileIssuerName_IsQuotedClipped()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName("Free Nitro at https://dlscord.gift claim now before it expires, only today, hurry");
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        using var leaf = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        var (outcome, detail) = _trust.Judge(leaf, SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.UntrustedRoot);

        Assert.Equal(ProbeOutcome.CertificateUntrusted, outcome);
        Assert.Equal("certificate not issued by a trusted authority (issuer: Free Nitro at https://dlscord.gift claim now before it expires,…)", detail);
    }
}
