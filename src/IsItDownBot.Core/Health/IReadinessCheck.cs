namespace IsItDownBot.Core.Health;

/// <summary>
/// One thing the bot needs before it can do its job (the database, a chat platform's connection). The
/// executable's <c>/readyz</c> asks every registered check; adding one is one class and one registration line.
/// </summary>
public interface IReadinessCheck
{
    /// <summary>A short stable name shown in <c>/readyz</c>: "database", "telegram", "discord".</summary>
    string Name { get; }

    /// <summary>Answers quickly and never throws for an expected failure: a failure is a result with a reason.</summary>
    Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken);
}
