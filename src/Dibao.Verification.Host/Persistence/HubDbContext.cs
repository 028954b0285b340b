using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Disputes;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Roll;
using Dibao.Verification.Host.StaffRelatives;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Persistence;

/// <summary>
/// The hub's schema, and the context of the SQLite migrations (<c>Persistence/Migrations</c>). Each server provider has a
/// context type of its own deriving from this one (<see cref="PostgresHubDbContext"/>, <see cref="SqlServerHubDbContext"/>),
/// with the same model: EF finds migrations by context type, so each provider keeps its own migration set, generated for its
/// own column types (<c>Persistence/Migrations/Postgres</c>, <c>Persistence/Migrations/SqlServer</c>), while the SQLite
/// migrations, hand-edited backfills included, keep their ids. The hub resolves <see cref="HubDbContext"/> whatever the provider.
/// </summary>
public class HubDbContext : DbContext
{
    public HubDbContext(DbContextOptions<HubDbContext> options)
        : this((DbContextOptions)options)
    {
    }

    /// <summary>For the providers' derived contexts, whose options are typed for them.</summary>
    protected HubDbContext(DbContextOptions options)
        : base(options)
    {
        PersonalData = options.FindExtension<PersonalDataOptionsExtension>()?.Protector;
    }

    /// <summary>
    /// Encrypts the personal columns (<see cref="PersonalDataPropertyExtensions.IsPersonalData"/>). Null when <c>dotnet ef</c>
    /// builds the model, which converts no value; a context used without <c>UsePersonalDataProtection</c> fails at its first personal value.
    /// </summary>
    protected PersonalDataProtector? PersonalData { get; }

    public DbSet<Batch> Batches => Set<Batch>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<VerificationRound> Rounds => Set<VerificationRound>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<RoundEvaluation> Evaluations => Set<RoundEvaluation>();
    public DbSet<Dispute> Disputes => Set<Dispute>();
    public DbSet<AgencyQuery> AgencyQueries => Set<AgencyQuery>();
    public DbSet<AgencyAnswerRecord> AgencyAnswers => Set<AgencyAnswerRecord>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseStep> CaseSteps => Set<CaseStep>();
    public DbSet<StaffRelative> StaffRelatives => Set<StaffRelative>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<RollHousehold> RollHouseholds => Set<RollHousehold>();
    public DbSet<RollMember> RollMembers => Set<RollMember>();
    public DbSet<RecomparisonRun> RecomparisonRuns => Set<RecomparisonRun>();
    public DbSet<RecomparisonItem> RecomparisonItems => Set<RecomparisonItem>();
    public DbSet<RecomparisonChunk> RecomparisonChunks => Set<RecomparisonChunk>();
    public DbSet<RecomparisonAnswer> RecomparisonAnswers => Set<RecomparisonAnswer>();
    public DbSet<RecomparisonTally> RecomparisonTallies => Set<RecomparisonTally>();
    public DbSet<PersonalDataPass> PersonalDataPasses => Set<PersonalDataPass>();

    /// <summary>
    /// The overdue reminder stamps a case without bumping its version, so it may commit while a decision on the case, as
    /// loaded before it, is being saved. A case reaching another tier therefore always writes its cleared stamp, or the
    /// reminder of the stay it left would pass for one of the stay it starts, which would never be reminded of.
    /// </summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Only the cases are looked at here: saving detects the changes of everything else once, as before.
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        var cases = ChangeTracker.Entries<Case>().ToList();
        ChangeTracker.AutoDetectChangesEnabled = detect;
        foreach (var entry in cases)
        {
            if (detect)
            {
                entry.DetectChanges();
            }

            if (entry.State == EntityState.Modified && entry.Property(c => c.TierEnteredAtUtc).IsModified)
            {
                entry.Property(c => c.OverdueRemindedAtUtc).IsModified = true;
            }
        }

        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Batch>(b =>
        {
            b.Property(x => x.Township).HasMaxLength(9);
            b.Property(x => x.Purpose).HasMaxLength(Batch.MaxPurposeLength);
            b.Property(x => x.PolicyName).HasMaxLength(64);
            b.HasMany(x => x.Households).WithOne().HasForeignKey(h => h.BatchId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(x => x.SubmittedAtUtc);
            b.Property(x => x.SubmissionKey).HasMaxLength(SubmissionKeys.MaxLength);
            b.Property(x => x.SubmissionHash).HasMaxLength(64);

            // A key is the township's: two submissions with it, even at the same moment, store one batch.
            b.HasIndex(x => new { x.Township, x.SubmissionKey }).IsUnique().HasFilter("\"SubmissionKey\" IS NOT NULL");
        });

        modelBuilder.Entity<Household>(h =>
        {
            h.Property(x => x.Ref).HasMaxLength(Household.MaxRefLength);
            h.Property(x => x.ConsentRef).HasMaxLength(Household.MaxConsentRefLength);
            h.Property(x => x.EvaluationError).HasMaxLength(Household.MaxEvaluationErrorLength);
            h.Property(x => x.Version).IsConcurrencyToken();
            h.Ignore(x => x.RoundAudited);
            h.HasIndex(x => new { x.BatchId, x.Ref }).IsUnique();
            // Progress is polled while a batch of up to 100,000 households settles: counted from the index alone.
            h.HasIndex(x => new { x.BatchId, x.SettledAtUtc });
        });

        modelBuilder.Entity<VerificationRound>(r =>
        {
            r.Property(x => x.Cause).HasMaxLength(16);
            r.HasIndex(x => new { x.HouseholdId, x.Number }).IsUnique();
            r.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Member>(m =>
        {
            m.Property(x => x.IdNumber).IsPersonalData(PersonalData, 18);
            m.Property(x => x.IdHash).HasMaxLength(64);
            m.Property(x => x.Name).IsPersonalData(PersonalData, Member.MaxNameLength);
            m.Property(x => x.Relation).HasMaxLength(16);
            // A household's declared income and savings, as personal as what the agencies find.
            m.Property(x => x.DeclaredMonthlyIncome).IsPersonalData(PersonalData);
            m.Property(x => x.DeclaredFinancialAssets).IsPersonalData(PersonalData);
            m.HasIndex(x => x.IdHash);
            m.HasIndex(x => x.RoundId);
            m.HasIndex(x => x.HouseholdId);
            m.HasOne<VerificationRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<RoundEvaluation>(e =>
        {
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            // The household's income and savings a head, as personal as the agencies' figures they are made of.
            e.Property(x => x.PerCapitaMonthlyIncome).IsPersonalData(PersonalData);
            e.Property(x => x.PerCapitaFinancialAssets).IsPersonalData(PersonalData);
            e.Property(x => x.PolicyName).HasMaxLength(64);
            e.Property(x => x.PolicyHash).HasMaxLength(64);
            // The reasons, and the declarations set against what was found, quote members' identity numbers and the
            // agencies' figures.
            e.Property(x => x.ReasonsJson).IsPersonalData(PersonalData);
            e.Property(x => x.DeclarationsJson).IsPersonalData(PersonalData);

            // One evaluation per round, whichever worker or instance gets there: a second one is refused by the database.
            e.HasIndex(x => x.RoundId).IsUnique();
            e.HasIndex(x => x.BatchId);
            e.HasIndex(x => x.HouseholdId);
            e.HasOne<VerificationRound>().WithOne().HasForeignKey<RoundEvaluation>(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<AgencyQuery>(q =>
        {
            q.Property(x => x.Agency).HasMaxLength(64);
            q.Property(x => x.RequestedBy).HasMaxLength(128);
            q.Property(x => x.Purpose).HasMaxLength(64);
            q.Ignore(x => x.AskedWindow);
            q.HasIndex(x => x.BatchId);

            // The questions held or out, which the release counts and picks from; answered ones, almost all, stay out of it.
            q.HasIndex(x => new { x.Agency, x.PlannedAtUtc, x.Ordinal }).HasFilter("\"AnsweredAtUtc\" IS NULL").HasDatabaseName("IX_AgencyQueries_Open");

            // A recorded answer asks whether its question's siblings are still out: only among the open ones.
            q.HasIndex(x => x.Chunk).HasFilter("\"AnsweredAtUtc\" IS NULL").HasDatabaseName("IX_AgencyQueries_OpenChunk");

            // The deadline sweep's: only the questions with answers still awaited.
            q.HasIndex(x => x.SweepAtUtc).HasFilter("\"SweepAtUtc\" IS NOT NULL");
        });

        modelBuilder.Entity<AgencyAnswerRecord>(a =>
        {
            a.Property(x => x.Source).HasMaxLength(64);
            a.Property(x => x.IdHash).HasMaxLength(64);
            a.Property(x => x.FactsJson).IsPersonalData(PersonalData);
            a.Property(x => x.LateFactsJson).IsPersonalData(PersonalData);
            // The one change of an answer's state is also checked should anything save it through the change tracker.
            a.Property(x => x.State).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
            a.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            a.Property(x => x.RefusalCode).HasMaxLength(64);
            a.Property(x => x.LateKind).HasConversion<string>().HasMaxLength(16);
            a.Property(x => x.LateRefusalCode).HasMaxLength(64);
            a.Ignore(x => x.IsKnown);
            a.HasIndex(x => new { x.MemberId, x.Source }).IsUnique();
            // An answer is written by query and person, and a question's answers are read by it.
            a.HasIndex(x => new { x.QueryId, x.IdHash });

            // Not by state as well: every answer changes its state once, and an index on it was one more write each time,
            // to tell apart the dozen or so answers of one round. A household's answers are found through its rounds.
            a.HasIndex(x => x.RoundId);
        });

        modelBuilder.Entity<OutboxMessage>(o =>
        {
            o.Property(x => x.MessageType).HasMaxLength(256);
            // A question to an agency names its persons, by number and name.
            o.Property(x => x.Body).IsPersonalData(PersonalData);
            o.Property(x => x.Destination).HasMaxLength(256);
            o.Property(x => x.LastError).HasMaxLength(1000);
            o.HasIndex(x => new { x.SentAtUtc, x.CreatedAtUtc });
            o.HasIndex(x => x.ParkedAtUtc);
            o.Property(x => x.ClaimedBy).HasMaxLength(128);
            o.Property(x => x.TraceParent).HasMaxLength(55);
        });

        modelBuilder.Entity<Case>(c =>
        {
            // Keys are made by the entity itself; steps added to a loaded case must be inserted, not updated.
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.HouseholdRef).HasMaxLength(64);
            c.Property(x => x.Township).HasMaxLength(9);
            c.Property(x => x.Kind).HasMaxLength(16).HasDefaultValue(CaseKinds.Application);
            c.Property(x => x.Tier).HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.AmendmentReason).HasMaxLength(1000);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasIndex(x => x.HouseholdId).IsUnique();
            c.HasIndex(x => x.BatchId);
            c.HasIndex(x => new { x.Tier, x.State, x.Township });
            c.HasOne<Household>().WithOne().HasForeignKey<Case>(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
            c.HasMany(x => x.History).WithOne().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
            c.Ignore(x => x.IsClean);
            c.Ignore(x => x.IsOpen);
        });

        modelBuilder.Entity<Dispute>(d =>
        {
            d.Property(x => x.Id).ValueGeneratedNever();
            d.Property(x => x.Township).HasMaxLength(9);
            d.Property(x => x.HouseholdRef).HasMaxLength(64);
            d.Property(x => x.Agency).HasMaxLength(32);
            d.Property(x => x.IdNumber).IsPersonalData(PersonalData, 18);
            d.Property(x => x.Reason).HasMaxLength(1000);
            d.Property(x => x.RecordedBy).HasMaxLength(128);
            d.Property(x => x.OutcomeBefore).HasConversion<string>().HasMaxLength(16);
            d.Property(x => x.OutcomeAfter).HasConversion<string>().HasMaxLength(16);
            d.HasIndex(x => x.CaseId);
            d.HasIndex(x => new { x.HouseholdId, x.Round }).IsUnique();
            d.HasIndex(x => new { x.AnsweredAtUtc, x.DueOn });
            d.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
            d.Ignore(x => x.IsAnswered);
            d.Ignore(x => x.Changed);
        });

        modelBuilder.Entity<CaseStep>(s =>
        {
            s.Property(x => x.Id).ValueGeneratedNever();
            s.Property(x => x.Tier).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.Action).HasMaxLength(16);
            s.Property(x => x.By).HasMaxLength(128);
            s.Property(x => x.Reason).HasMaxLength(1000);
            s.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            s.HasIndex(x => new { x.CaseId, x.Sequence });
        });

        modelBuilder.Entity<PersonalDataPass>(p =>
        {
            p.Property(x => x.KeyRing).HasMaxLength(64);
            p.Property(x => x.Columns).HasMaxLength(PersonalDataPass.MaxColumnsLength);
            p.HasIndex(x => x.CompletedAtUtc);
        });

        modelBuilder.Entity<StaffRelative>(r =>
        {
            r.Property(x => x.StaffUser).HasMaxLength(128);
            r.Property(x => x.IdKey).HasMaxLength(IdentityLookup.MaxKeyLength);
            r.Property(x => x.IdNumberMasked).HasMaxLength(18);
            r.Property(x => x.Relation).HasMaxLength(16);
            r.Property(x => x.Jurisdiction).HasMaxLength(9);
            r.Property(x => x.RegisteredBy).HasMaxLength(128);
            r.Property(x => x.RemovedBy).HasMaxLength(128);

            // Evaluations look members up by number; a decision looks the signer up by name. Removed entries are kept.
            r.HasIndex(x => x.IdKey).HasFilter("\"RemovedAtUtc\" IS NULL").HasDatabaseName("IX_StaffRelatives_Active_IdKey");
            // One entry per staff member and relative in each jurisdiction: another jurisdiction's entry for them is not
            // this one's, and is not shown to its admins.
            r.HasIndex(x => new { x.StaffUser, x.IdKey, x.Jurisdiction }).IsUnique().HasFilter("\"RemovedAtUtc\" IS NULL")
                .HasDatabaseName("IX_StaffRelatives_Active_StaffUser_IdKey_Jurisdiction");
        });

        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedNever();
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.User).HasMaxLength(128);
            e.Property(x => x.Role).HasMaxLength(32);
            e.Property(x => x.Jurisdiction).HasMaxLength(9);
            e.Property(x => x.Township).HasMaxLength(9);
            e.Property(x => x.Subject).HasMaxLength(AuditEntry.MaxSubjectLength);
            e.Property(x => x.Purpose).HasMaxLength(64);
            e.Property(x => x.PersonHash).HasMaxLength(64);
            e.Property(x => x.Agency).HasMaxLength(64);
            e.Property(x => x.Outcome).HasMaxLength(AuditEntry.MaxOutcomeLength);
            e.Property(x => x.Detail).HasMaxLength(AuditEntry.MaxDetailLength);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            // The auditors' questions: by person, by user over a period, by period.
            e.HasIndex(x => x.PersonHash);
            e.HasIndex(x => new { x.User, x.AtUtc });
            e.HasIndex(x => x.AtUtc);
        });

        modelBuilder.Entity<RollHousehold>(r =>
        {
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.Township).HasMaxLength(9);
            r.Property(x => x.Ref).HasMaxLength(Household.MaxRefLength);
            r.Property(x => x.ConsentRef).HasMaxLength(Household.MaxConsentRefLength);
            r.Property(x => x.Source).HasMaxLength(16);
            r.Property(x => x.JoinedBy).HasMaxLength(128);
            r.Property(x => x.BaselinePerCapitaMonthlyIncome).IsPersonalData(PersonalData);
            // A household is on a township's roll once; those who left stay beside it, so a household may come back.
            r.HasIndex(x => new { x.Township, x.Ref }).IsUnique().HasFilter("\"LeftAtUtc\" IS NULL").HasDatabaseName("IX_RollHouseholds_Active_Township_Ref");
            // A re-comparison chunk is read back by its range, with the households that left since it was taken.
            r.HasIndex(x => new { x.Township, x.Ref }).HasDatabaseName("IX_RollHouseholds_Township_Ref");
            r.HasIndex(x => x.CaseId);
        });

        modelBuilder.Entity<RollMember>(m =>
        {
            m.Property(x => x.Id).ValueGeneratedNever();
            m.Property(x => x.IdNumber).IsPersonalData(PersonalData, 18);
            m.Property(x => x.IdHash).HasMaxLength(64);
            m.Property(x => x.Name).IsPersonalData(PersonalData, Member.MaxNameLength);
            m.Property(x => x.Relation).HasMaxLength(16);
            m.HasIndex(x => x.IdHash);
            m.HasIndex(x => x.RollHouseholdId);
            m.HasOne<RollHousehold>().WithMany().HasForeignKey(x => x.RollHouseholdId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<RecomparisonRun>(r =>
        {
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.Jurisdiction).HasMaxLength(9);
            r.Property(x => x.RequestedBy).HasMaxLength(128);
            r.Property(x => x.Status).HasMaxLength(16);
            r.Property(x => x.CursorTownship).HasMaxLength(9);
            r.Property(x => x.CursorRef).HasMaxLength(64);
            r.Property(x => x.Failure).HasMaxLength(1000);
            r.Property(x => x.Version).IsConcurrencyToken();
            r.HasIndex(x => x.Status);
        });

        modelBuilder.Entity<RecomparisonItem>(i =>
        {
            i.Property(x => x.Id).ValueGeneratedNever();
            i.Property(x => x.Township).HasMaxLength(9);
            i.Property(x => x.Ref).HasMaxLength(Household.MaxRefLength);
            i.Property(x => x.Change).HasMaxLength(16);
            // The household's income a head before and after, as personal as its evaluation's.
            i.Property(x => x.ConfirmedIncome).IsPersonalData(PersonalData);
            i.Property(x => x.NewIncome).IsPersonalData(PersonalData);
            // A household is compared once in a run, whichever instance took it: a second take is refused by the database.
            i.HasIndex(x => new { x.RunId, x.RollHouseholdId }).IsUnique();
            i.HasIndex(x => x.HouseholdId).IsUnique();
            i.HasIndex(x => new { x.RunId, x.Change, x.Township, x.Ref });
            // A household's cases from earlier runs, whichever of its roll entries they compared.
            i.HasIndex(x => new { x.Township, x.Ref });
            i.HasOne<RecomparisonRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<RecomparisonChunk>(c =>
        {
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.Township).HasMaxLength(9);
            c.Property(x => x.AfterRef).HasMaxLength(64);
            c.Property(x => x.LastRef).HasMaxLength(64);
            // A chunk is taken once in a run, whichever instance took it: a second take is refused by the database.
            c.HasIndex(x => new { x.RunId, x.Township, x.LastRef }).IsUnique();
            c.HasIndex(x => new { x.RunId, x.ComparedAtUtc });
            c.HasOne<RecomparisonRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<RecomparisonAnswer>(a =>
        {
            a.Property(x => x.Id).ValueGeneratedNever();
            a.Property(x => x.Source).HasMaxLength(64);
            a.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            a.Property(x => x.RefusalCode).HasMaxLength(64);
            a.Property(x => x.FindingsJson).IsPersonalData(PersonalData);
            a.HasIndex(x => x.ChunkId);
            a.HasOne<RecomparisonChunk>().WithMany().HasForeignKey(x => x.ChunkId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<RecomparisonTally>(t =>
        {
            t.HasKey(x => new { x.ChunkId, x.Source });
            t.Property(x => x.Source).HasMaxLength(64);
            t.HasIndex(x => x.RunId);
            t.HasOne<RecomparisonChunk>().WithMany().HasForeignKey(x => x.ChunkId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<AuditChainHead>(h =>
        {
            h.Property(x => x.Id).ValueGeneratedNever();
            h.Property(x => x.Hash).HasMaxLength(64);
            h.HasData(new AuditChainHead { Id = AuditChainHead.TheOne, Sequence = 0, Hash = AuditChain.Genesis });
        });
    }
}
