using System.Security.Cryptography;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Tests.Audit;

namespace Dibao.Verification.Host.Tests.PersonalData;

public sealed class PersonalDataProtectorTests
{
    private const string IdNumber = "11010519491231002X";
    private static readonly byte[] OldKey = [.. Enumerable.Range(100, 32).Select(i => (byte)i)];

    private static PersonalDataProtector Protector(string keyId, byte[] key, Dictionary<string, byte[]>? previous = null) =>
        new(keyId, key, previous ?? [], new PersonHasher(TestAudit.PersonKey));

    [Theory]
    [InlineData(IdNumber)]
    [InlineData("欧阳娜娜")]
    [InlineData("{\"bankAccounts\":[{\"balance\":12345.67}]}")]
    [InlineData("")]
    public void A_value_reads_back_and_is_stored_under_its_key_id_never_as_itself(string plain)
    {
        var protector = TestPersonalData.Protector;

        var stored = protector.Protect(plain);

        stored.ShouldStartWith("enc:1:");
        if (plain.Length > 0)
        {
            stored.ShouldNotContain(plain);
        }

        protector.Unprotect(stored).ShouldBe(plain);
        protector.Protect(plain).ShouldNotBe(stored, "each value gets a nonce of its own");
        protector.IsCurrent(stored).ShouldBeTrue();
    }

    /// <summary>Around the size up to which the work is done on the stack, and far beyond it, as an agency's facts are.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(80)]
    [InlineData(81)]
    [InlineData(241)]
    [InlineData(242)]
    [InlineData(243)]
    [InlineData(20_000)]
    public void A_value_of_any_length_reads_back(int length)
    {
        foreach (var plain in new[] { new string('7', length), new string('龘', length) })
        {
            var stored = TestPersonalData.Protector.Protect(plain);

            stored.Length.ShouldBe("enc:1:".Length + Base64Length(28 + System.Text.Encoding.UTF8.GetByteCount(plain)));
            TestPersonalData.Protector.Unprotect(stored).ShouldBe(plain);
        }
    }

    [Theory]
    [InlineData("enc:1")]
    [InlineData("enc:1:not base64!")]
    [InlineData("enc:1:AAAA")]
    public void A_malformed_value_is_refused_as_such(string stored)
    {
        Should.Throw<CryptographicException>(() => TestPersonalData.Protector.Unprotect(stored)).Message.ShouldContain("malformed");
    }

    [Fact]
    public void The_longest_number_and_name_fit_their_columns()
    {
        TestPersonalData.Protector.Protect(IdNumber).Length.ShouldBeLessThanOrEqualTo(PersonalDataProtector.MaxStoredLength(18));
        TestPersonalData.Protector.Protect(new string('龘', 64)).Length.ShouldBeLessThanOrEqualTo(PersonalDataProtector.MaxStoredLength(64));
    }

    [Fact]
    public void An_altered_value_is_refused_without_quoting_it()
    {
        var stored = TestPersonalData.Protector.Protect(IdNumber);
        var bytes = Convert.FromBase64String(stored["enc:1:".Length..]);
        bytes[^1] ^= 1;

        var refused = Should.Throw<Exception>(() => TestPersonalData.Protector.Unprotect("enc:1:" + Convert.ToBase64String(bytes)));

        refused.ShouldBeAssignableTo<CryptographicException>();
        refused.Message.ShouldNotContain(IdNumber);
    }

    [Fact]
    public void A_value_under_a_rotated_out_key_reads_while_that_key_is_listed_and_is_refused_naming_the_key_once_it_is_not()
    {
        var old = Protector("1", OldKey).Protect(IdNumber);
        var rotated = Protector("2", TestAudit.PersonKey, new() { ["1"] = OldKey });

        rotated.Unprotect(old).ShouldBe(IdNumber);
        rotated.IsCurrent(old).ShouldBeFalse();
        rotated.Protect(IdNumber).ShouldStartWith("enc:2:");
        Should.Throw<CryptographicException>(() => Protector("2", TestAudit.PersonKey).Unprotect(old)).Message.ShouldContain("'1'");
        Should.Throw<Exception>(() => Protector("1", TestAudit.PersonKey).Unprotect(old), "another key under the same id").ShouldBeAssignableTo<CryptographicException>();
    }

    [Fact]
    public void A_value_stored_before_encryption_reads_as_it_is_and_is_not_current()
    {
        TestPersonalData.Protector.Unprotect(IdNumber).ShouldBe(IdNumber);
        TestPersonalData.Protector.IsCurrent(IdNumber).ShouldBeFalse();
    }

    [Fact]
    public void Lookups_hash_the_normalized_number_as_the_audit_trail_does()
    {
        var hash = TestPersonalData.Protector.HashIdNumber(IdNumber.ToLowerInvariant());

        hash.ShouldBe(new PersonHasher(TestAudit.PersonKey).Hash(IdNumber));
        hash.Length.ShouldBe(64);
        Protector("1", OldKey).HashIdNumber(IdNumber).ShouldBe(hash, "the hash does not change when the encryption key does");
    }

    private static int Base64Length(int bytes) => (bytes + 2) / 3 * 4;
}
