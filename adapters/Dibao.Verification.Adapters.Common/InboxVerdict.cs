namespace Dibao.Verification.Adapters.Common;

/// <summary>What <see cref="AgencyAnswerInbox"/> knows of a question delivered to an adapter.</summary>
internal enum InboxVerdict
{
    /// <summary>Not seen before, or forgotten: ask the agency.</summary>
    New,

    /// <summary>
    /// Being asked under an earlier delivery: still in its consumer (wait for it, then look again), or handed on to later
    /// messages that will answer (a bank's polls).
    /// </summary>
    InFlight,

    /// <summary>Answered before: send that answer again.</summary>
    Answered,
}
