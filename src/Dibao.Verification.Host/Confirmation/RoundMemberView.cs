namespace Dibao.Verification.Host.Confirmation;

public sealed record RoundMemberView(string IdNumber, string Name, string Relation);
