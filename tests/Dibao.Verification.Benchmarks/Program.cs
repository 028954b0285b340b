using System.Diagnostics;
using System.Globalization;
using Dibao.Verification.Benchmarks;
using Dibao.Verification.Sandbox;

if (Arguments.Flag(args, "--recompare"))
{
    await RecomparisonBenchmark.RunAsync(args);
    return;
}

if (Arguments.Flag(args, "--rabbitmq-throughput"))
{
    await BusThroughput.RunAsync(args);
    return;
}

// Verifies N households on the embedded default and, in the same process and run, times the bare
// HTTP calls to the same simulators for the same persons: the floor the hub's overhead is measured against.

var households = Arguments.Int(args, "--households", 1000);
var rounds = Arguments.Int(args, "--rounds", 3);
var start = Arguments.Int(args, "--start", 10_000);
var faultPercent = Arguments.Int(args, "--fault-percent", 0);
var csv = Arguments.Flag(args, "--csv");

// A very large batch is measured for the hub alone: the floor's bare calls would hold every answer in this process too.
var noFloor = Arguments.Flag(args, "--no-floor");

// A question's deadline counts from when it goes out, but on a busy machine a county's batch can still keep one waiting in
// an agency's queue for longer than two minutes. The hub's deadline and the adapters' own (how long they keep trying) are
// both lengthened.
var deadline = args.SkipWhile(a => a != "--deadline").Skip(1).FirstOrDefault();
string[] settings = deadline is null
    ? []
    :
    [
        .. new[] { "social-security", "housing-fund", "tax", "business-registry", "vehicle", "bank" }.Select(agency => $"--Verification:Deadlines:{agency}={deadline}"),
        .. new[] { "SocialSecurity", "HousingFund", "Tax", "BusinessRegistry", "Vehicle", "Bank" }.Select(section => $"--Agencies:{section}:Deadline={deadline}"),
    ];

// Any --Database:Key=value goes to the hub as it is: the same batch on PostgreSQL (with --Database:MigrateAtStartup=true).
// So does any --Verification:Key=value, to measure the hub's tuning (persons per question, questions in flight).
settings = [.. settings, .. args.Where(a => a.StartsWith("--Database:", StringComparison.Ordinal) || a.StartsWith("--Verification:", StringComparison.Ordinal))];

// And any --Bus:Key=value to the hub and to the agency hosts: the same batch on a RabbitMQ broker.
string[] busSettings = [.. args.Where(a => a.StartsWith("--Bus:", StringComparison.Ordinal))];
settings = [.. settings, .. busSettings];
var agencyHosts = Arguments.Flag(args, "--agency-hosts");
if (agencyHosts && !Arguments.Flag(args, "--hub-process"))
{
    Console.Error.WriteLine("--agency-hosts runs with --hub-process: the hub and the agency hosts each in a process of their own.");
    Environment.Exit(2);
}

if (agencyHosts)
{
    settings = [.. settings, "--Verification:AdaptersInProcess=false"];
}

// The hub in a process of its own, beside the simulators of this one: its peak memory is the hub's alone.
if (Arguments.Flag(args, "--hub-process"))
{
    await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Enabled = true });
    await using var hosts = agencyHosts ? await AgencyHostProcesses.StartAsync(sandbox, busSettings) : null;
    await using var alone = await HubProcess.StartAsync(sandbox, settings);
    var aloneTimes = new List<TimeSpan>();
    for (var round = 0; round < rounds; round++)
    {
        var batch = sandbox.Population.Households(start + round * households).Take(households).ToList();
        aloneTimes.Add(await alone.Batches.VerifyAsync(batch, csv, p => Console.Error.WriteLine(
            $"  settled {p.Settled} of {p.Households}; hub holds {alone.WorkingSetMiB:0} MiB, peak {alone.PeakWorkingSetMiB:0} MiB")));
        Console.Error.WriteLine($"  round {round + 1}: {aloneTimes[^1].TotalMilliseconds:0} ms, accepted after {alone.Batches.Accepted[^1].TotalMilliseconds:0} ms, hub peak {alone.PeakWorkingSetMiB:0} MiB");
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
        households per round      {households}, {rounds} rounds, as {(csv ? "CSV" : "JSON")}, the hub in its own process (dotnet Dibao.Verification.Host.dll){(agencyHosts ? ", six agency hosts in theirs" : "")}
        hub                       median {Median(aloneTimes):0} ms  (rounds: {string.Join(", ", aloneTimes.Select(t => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)))} ms)
          of which accepting      median {Median(alone.Batches.Accepted):0} ms
        hub's peak working set    {alone.PeakWorkingSetMiB:0} MiB (VmHWM of the hub's process)
        """));
    return;
}

// The hub's own spans in each round's timeline: when its answers were recorded and its households settled.
await using var hub = await BenchmarkHub.StartAsync(settings, spans: Arguments.Flag(args, "--spans"));
using var floor = new BareAgencyCalls(hub.Sandbox, hub.Agencies);

// Warm-up: JIT, connection pools, SQLite pages. A round of the measured size by default, as a hub that has run for a while
// is warm: .NET compiles its hot paths again, optimized, only after they have run many times, and with a warm-up of 50
// households the first measured rounds were up to half as slow again as the later ones.
var warmUp = Arguments.Int(args, "--warm-up", Math.Min(households, 2000));
await hub.Batches.VerifyAsync(hub.Households(start: 0, count: warmUp));
if (!noFloor)
{
    await floor.AskAsync(hub.Households(start: 0, count: warmUp));
}

var hubTimes = new List<TimeSpan>();
var floorTimes = new List<TimeSpan>();

// The process's CPU time over each floor and each hub round: on two cores a round is bound by CPU, and the ratio of the two
// says how much of the wall-clock ratio is the hub's own work rather than waiting.
var floorCpu = new List<TimeSpan>();
var hubCpu = new List<TimeSpan>();

// The rounds in which the JIT compiled few methods: a hub that has run for a while. For several rounds after the warm-up the
// runtime still recompiles thousands of hot methods a round, on a thread sharing the two cores.
const int SettledJit = 500;
var settledRounds = new List<int>();
for (var round = 0; round < rounds; round++)
{
    // A fresh slice each round, so no round reads answers another round already had.
    var batch = hub.Households(start + round * households, households);
    // The floor has no retries, so it is always timed against healthy agencies.
    hub.InjectFaults(0);
    if (!noFloor)
    {
        var floorStarted = Process.GetCurrentProcess().TotalProcessorTime;
        floorTimes.Add(await floor.AskAsync(batch));
        floorCpu.Add(Process.GetCurrentProcess().TotalProcessorTime - floorStarted);
    }

    hub.InjectFaults(faultPercent / 100.0);
    // The whole process's, the simulators' included: on two cores they compete with the hub for the same CPU.
    var (allocated, paused, cpu) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), Process.GetCurrentProcess().TotalProcessorTime);
    var (jitted, jitTime) = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
    hubTimes.Add(await hub.Batches.VerifyAsync(batch, csv, p => Console.Error.WriteLine($"  settled {p.Settled} of {p.Households}")));
    hubCpu.Add(Process.GetCurrentProcess().TotalProcessorTime - cpu);
    if (System.Runtime.JitInfo.GetCompiledMethodCount() - jitted < SettledJit)
    {
        settledRounds.Add(round);
    }

    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  round {round + 1}: {hubTimes[^1].TotalMilliseconds:0} ms, accepted after {hub.Batches.Accepted[^1].TotalMilliseconds:0} ms; process CPU {hubCpu[^1].TotalMilliseconds:0} ms, allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0:0} MiB, GC pauses {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:0} ms; methods compiled {System.Runtime.JitInfo.GetCompiledMethodCount() - jitted} in {(System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds:0} ms"));
    Console.Error.WriteLine(await hub.TimelineAsync(hub.Batches.LastBatchId));
}

var process = Process.GetCurrentProcess();
process.Refresh();
var persons = hub.Households(start, households).Sum(h => h.Members.Count);
var hubMs = Median(hubTimes);
var floorMs = noFloor ? double.NaN : Median(floorTimes);
var settledHubMs = settledRounds.Count == 0 ? double.NaN : Median([.. settledRounds.Select(r => hubTimes[r])]);
var settledFloorMs = settledRounds.Count == 0 || noFloor ? double.NaN : Median([.. settledRounds.Select(r => floorTimes[r])]);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    transient faults (hub)    {faultPercent} % of requests to every agency
    households per round      {households} ({persons} persons in the first round), {rounds} rounds, as {(csv ? "CSV" : "JSON")}, agencies: {string.Join(", ", hub.Agencies)}
    hub, embedded default     median {hubMs:0} ms  (rounds: {string.Join(", ", hubTimes.Select(t => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)))} ms)  {households / (hubMs / 1000):0} households/s
      of which accepting      median {Median(hub.Batches.Accepted[1..]):0} ms (POST until 202: checks, and storing the batch with one awaited answer per member and source)
    bare HTTP floor           median {floorMs:0} ms  (rounds: {string.Join(", ", floorTimes.Select(t => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)))} ms)
    ratio hub / floor         {hubMs / floorMs:0.0}
    process CPU a round       hub median {Median(hubCpu):0} ms, floor median {(noFloor ? double.NaN : Median(floorCpu)):0} ms: ratio {(noFloor ? double.NaN : Median(hubCpu) / Median(floorCpu)):0.0} (hub, simulators and benchmark in one process, on {Environment.ProcessorCount} cores)
    once the JIT settled      {settledRounds.Count} rounds with fewer than {SettledJit} methods compiled: hub median {settledHubMs:0} ms, floor median {settledFloorMs:0} ms, ratio {settledHubMs / settledFloorMs:0.0}
    peak working set          {process.PeakWorkingSet64 / 1024.0 / 1024.0:0} MiB (hub, simulators and benchmark in one process)
    managed heap after runs   {GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0:0} MiB
    """));

static double Median(IReadOnlyList<TimeSpan> times) => times.Select(t => t.TotalMilliseconds).Order().ElementAt(times.Count / 2);
