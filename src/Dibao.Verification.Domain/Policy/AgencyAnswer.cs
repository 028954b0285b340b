using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Domain.Policy;

/// <summary>What one agency said about one member, or that it has not (yet) said anything.</summary>
/// <param name="Source">The agency code; for banks, <c>bank:&lt;BANKCODE&gt;</c> since each bank answers on its own.</param>
/// <param name="Finding">Set when <paramref name="State"/> is <see cref="AnswerState.Answered"/>.</param>
/// <param name="QueryRefusalCode">The agency's code when <paramref name="State"/> is <see cref="AnswerState.Refused"/>.</param>
/// <param name="AskedWindow">
/// The income window the hub asked for, as the hub recorded it with the question: an agency's records cover only the months
/// it was asked about. Null when none was recorded (answers stored before the hub kept it), which is read as the window of the
/// policy the answer is evaluated under, as it was before.
/// </param>
public sealed record AgencyAnswer(string Source, AnswerState State, PersonFinding? Finding, string? QueryRefusalCode = null, IncomeWindow? AskedWindow = null)
{
    public string Agency => AgencyCodes.AgencyOf(Source);

    public bool IsRefused => Finding?.Kind == FindingKind.Refused;

    /// <summary>The agency answered about the person and did not refuse: its facts, maybe none, are what it holds.</summary>
    public bool Tells => State == AnswerState.Answered && !IsRefused;

    /// <summary>The facts to count: none until answered, none when refused.</summary>
    public PersonFacts Facts => Tells ? Finding!.Facts : Empty;

    /// <summary>
    /// Whether the question asked for every month of <paramref name="window"/>: a question asked under a policy with a
    /// shorter income window, whose answer came after a longer one was loaded, holds only part of the months to average.
    /// </summary>
    public bool Covers(IncomeWindow window) => AskedWindow is null || AskedWindow.Covers(window);

    private static readonly PersonFacts Empty = new();

    public static AgencyAnswer Awaited(string source) => new(source, AnswerState.Awaited, null);

    public static AgencyAnswer Unavailable(string source) => new(source, AnswerState.Unavailable, null);

    public static AgencyAnswer QueryRefused(string source, string code) => new(source, AnswerState.Refused, null, code);

    public static AgencyAnswer Answered(string source, PersonFinding finding, IncomeWindow? askedWindow = null) =>
        new(source, AnswerState.Answered, finding, AskedWindow: askedWindow);
}
