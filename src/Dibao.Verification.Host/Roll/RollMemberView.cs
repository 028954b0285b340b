namespace Dibao.Verification.Host.Roll;

/// <param name="IdNumber">Masked: a list of a whole jurisdiction's recipients is for finding households, not reading numbers.</param>
public sealed record RollMemberView(string IdNumber, string Name, string Relation);
