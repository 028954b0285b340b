namespace Dibao.Verification.Host.Tests.Verification;

/// <summary>The deadline sweep racing an answer (<see cref="AnswerAndSweepRace"/>), on a real SQLite file.</summary>
public sealed class AnswerAndSweepRaceTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-race-").FullName;
    private readonly Microsoft.Extensions.DependencyInjection.ServiceProvider _services;

    public AnswerAndSweepRaceTests()
    {
        _services = AnswerAndSweepRace.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}");
    }

    /// <param name="withRecords">Answers with records are written one by one; answers of no records, the most, all at once.</param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task An_answer_racing_the_deadline_sweep_is_never_lost(bool withRecords) => AnswerAndSweepRace.RunAsync(_services, withRecords);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
