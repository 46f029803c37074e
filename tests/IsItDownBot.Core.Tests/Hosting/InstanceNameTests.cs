using System.Globalization;
using IsItDownBot.Core.Hosting;

namespace IsItDownBot.Core.Tests.Hosting;

/// <summary>Which lease holders are instances of this machine that no longer run, and may be taken over at once.</summary>
public sealed class InstanceNameTests
{
    [Fact]
    public void IsGoneFromThisMachine_AnInstanceAliveInThisProcess_IsNotGone()
    {
        using var alive = new InstanceName();

        Assert.False(InstanceName.IsGoneFromThisMachine(alive.Value));
    }

    [Fact]
    public void IsGoneFromThisMachine_OnceDisposed_ItsNameIsGone()
    {
        var stopped = new InstanceName();
        stopped.Dispose();

        Assert.True(InstanceName.IsGoneFromThisMachine(stopped.Value));
    }

    [Fact]
    public void IsGoneFromThisMachine_ThisProcessIdWithAnotherRandomPart_IsAnEarlierRunAndGone() =>
        Assert.True(InstanceName.IsGoneFromThisMachine(Name(Environment.MachineName, Environment.ProcessId, "0dead000")));

    [Fact]
    public void IsGoneFromThisMachine_AProcessIdNoProcessHas_IsGone() =>
        Assert.True(InstanceName.IsGoneFromThisMachine(Name(Environment.MachineName, int.MaxValue, "12345678")));

    [Fact]
    public void IsGoneFromThisMachine_ALiveProcessOfThisMachine_MayBeAnInstance_AndIsNotGone()
    {
        using var other = System.Diagnostics.Process.Start("sleep", "30");
        try
        {
            Assert.False(InstanceName.IsGoneFromThisMachine(Name(Environment.MachineName, other.Id, "12345678")));
        }
        finally
        {
            other.Kill();
        }
    }

    [Theory]
    [InlineData("another-machine/1/12345678")]
    [InlineData("not a name")]
    [InlineData("")]
    [InlineData("a/b/c/d")]
    public void IsGoneFromThisMachine_AnotherMachineOrSomethingUnreadable_IsNeverTakenForGone(string holder) =>
        Assert.False(InstanceName.IsGoneFromThisMachine(holder));

    private static string Name(string machine, int processId, string random) =>
        string.Create(CultureInfo.InvariantCulture, $"{machine}/{processId}/{random}");
}
