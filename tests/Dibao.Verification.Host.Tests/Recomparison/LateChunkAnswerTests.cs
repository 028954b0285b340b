using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Tests.PersonalData;
using Dibao.Verification.Host.Tests.Verification;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Dibao.Verification.Host.Tests.Recomparison;

/// <summary>
/// An answer to a re-comparison question that comes after its chunk was compared without it is not kept, but the hub was
/// told about those persons all the same: the audit trail records it once, per person, on a real SQLite file.
/// </summary>
public sealed class LateChunkAnswerTests : IAsyncLifetime
{
    private const string Township = ChunkQuestion.Township;
    private const string Found = ChunkQuestion.Found;
    private const string Nothing = ChunkQuestion.Nothing;

    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-late-chunk-").FullName;
    private readonly ServiceProvider _services;

    public LateChunkAnswerTests()
    {
        _services = AnswerRecorderServices.On(_folder);
    }

    [Fact]
    public async Task Findings_after_the_chunk_was_compared_are_audited_once_per_person_under_their_roll_household_and_not_kept()
    {
        var (query, chunk, household) = await SeedAsync();
        var report = new AgencyFindingsReported(query, "tax", DateTimeOffset.UtcNow, 2,
        [
            new PersonFinding(Found, FindingKind.RecordsFound, null, new PersonFacts { Pensions = [new PensionFact(PensionScheme.EnterpriseEmployee, 3200m, null, PensionStatus.Paying)] }),
            new PersonFinding(Nothing, FindingKind.NoRecords, null, new PersonFacts()),
        ]);

        await RecordAsync(report);
        await RecordAsync(report);

        var entries = await LateEntriesAsync();
        entries.Count.ShouldBe(2, "one entry per person, and a redelivered report is not recorded again");
        entries.ShouldAllBe(e => e.Agency == "tax" && e.Township == Township && e.Purpose == RecomparisonChunks.Purpose && e.User == "city-01");
        entries.ShouldAllBe(e => e.Subject == "roll:" + household);
        entries.Single(e => e.PersonHash == TestPersonalData.Hash(Found)).Outcome.ShouldBe("late:answered:records-found");
        entries.Single(e => e.PersonHash == TestPersonalData.Hash(Nothing)).Outcome.ShouldBe("late:answered:no-records");
        entries[0].Detail!.ShouldContain($"after chunk {chunk} was compared");
        entries[0].Detail!.ShouldContain("attempts 2");
        entries.ShouldAllBe(e => !e.Detail!.Contains(Found) && !e.Detail!.Contains(Nothing));
        (await QueryAsync(db => db.RecomparisonAnswers.CountAsync())).ShouldBe(0, "the comparison is done: nothing is kept for it");
        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task A_refusal_after_the_chunk_was_compared_is_audited_once_naming_the_chunk_and_nobody()
    {
        var (query, chunk, _) = await SeedAsync();
        var refusal = new AgencyQueryRefused(query, "tax", "BAD_KEY", DateTimeOffset.UtcNow);

        await RefuseAsync(refusal);
        await RefuseAsync(refusal);

        var entry = (await LateEntriesAsync()).ShouldHaveSingleItem();
        entry.Subject.ShouldBe("chunk:" + chunk);
        entry.PersonHash.ShouldBeNull();
        entry.Outcome.ShouldBe("late:refused:BAD_KEY");
    }

    [Fact]
    public async Task An_answer_before_the_comparison_is_kept_for_it_and_not_audited_as_late()
    {
        var (query, _, _) = await SeedAsync(compared: false);

        await RecordAsync(new AgencyFindingsReported(query, "tax", DateTimeOffset.UtcNow, 1, [new PersonFinding(Found, FindingKind.NoRecords, null, new PersonFacts())]));

        (await LateEntriesAsync()).ShouldBeEmpty();
        (await QueryAsync(db => db.RecomparisonAnswers.CountAsync(a => a.Id == query))).ShouldBe(1);
    }

    private Task<(Guid Query, Guid Chunk, Guid Household)> SeedAsync(bool compared = true) => ChunkQuestion.SeedAsync(_services, compared);

    private async Task RecordAsync(AgencyFindingsReported report)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AgencyAnswerRecorder>().FindingsAsync(report, deliveredBy: null, CancellationToken.None);
    }

    private async Task RefuseAsync(AgencyQueryRefused refusal)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AgencyAnswerRecorder>().RefusedAsync(refusal, deliveredBy: null, CancellationToken.None);
    }

    private Task<List<AuditEntry>> LateEntriesAsync() =>
        QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Kind == AuditKinds.LateAnswer).OrderBy(e => e.Sequence).ToListAsync());

    private async Task<T> QueryAsync<T>(Func<HubDbContext, Task<T>> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
