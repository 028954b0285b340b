namespace Dibao.Verification.Domain.Policy;

public sealed record MemberDeclaration(string IdNumber, DeclaredAgainstFound Figures);
