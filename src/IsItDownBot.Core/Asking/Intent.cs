namespace IsItDownBot.Core.Asking;

/// <summary>What a chat message asks the bot to do.</summary>
public enum Intent
{
    /// <summary>Nothing the bot can act on: no command and no service-like word.</summary>
    None,

    /// <summary>Check one service or domain now.</summary>
    Check,

    /// <summary>An overview of every catalog service.</summary>
    Status,

    Subscribe,

    Unsubscribe,

    /// <summary>Which services this channel gets alerts for.</summary>
    Subscriptions,

    Help,
}
