using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Tests.Audit;

namespace Dibao.Verification.Host.Tests.PersonalData;

/// <summary>Personal data protected under the tests' well-known key, for tests that register the hub's parts one by one.</summary>
public static class TestPersonalData
{
    public static readonly PersonalDataProtector Protector = new(
        "1", Convert.FromBase64String(PersonalDataKeys.WellKnownTestKey), new Dictionary<string, byte[]>(), new PersonHasher(TestAudit.PersonKey));

    public static string Hash(string idNumber) => Protector.HashIdNumber(idNumber);
}
