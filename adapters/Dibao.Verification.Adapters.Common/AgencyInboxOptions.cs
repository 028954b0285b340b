namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// <c>Adapters:Inbox</c>: how much the adapters of one process remember of the questions they have answered, so that a
/// question delivered again is answered from memory instead of being put to the agency again.
/// </summary>
public sealed class AgencyInboxOptions
{
    public const string Section = "Adapters:Inbox";

    /// <summary>
    /// Questions remembered at once, answered or still being asked; the oldest are forgotten first. Each holds its whole
    /// answer (up to 500 persons' facts), so this is what bounds the inbox's memory; redeliveries come within minutes.
    /// </summary>
    public int Capacity { get; set; } = 500;

    /// <summary>
    /// How long a question is remembered after it was taken or answered. Longer than any agency's deadline (a bank's is
    /// an hour), so a question is asked once for as long as the hub waits for it.
    /// </summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(1);
}
