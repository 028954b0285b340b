using System.Text.Json;
using MassTransit;

namespace Dibao.Verification.Messaging;

/// <summary>
/// MassTransit 8 writes its JSON envelopes indented. A question names hundreds of persons and a report carries their
/// findings, so the indentation was a large share of every such message, written, carried and parsed again on every
/// hop. Any JSON reader, MassTransit's of any version among them, reads the compact form the same.
/// </summary>
public static class CompactMessages
{
    /// <remarks>
    /// MassTransit keeps these options in one static for the process: a copy is made only while they are still indented,
    /// as options already used for a message can no longer be changed, and a process may build more than one bus.
    /// </remarks>
    public static void UseCompactJson(this IBusFactoryConfigurator configurator) =>
        configurator.ConfigureJsonSerializerOptions(options =>
            options.WriteIndented ? new JsonSerializerOptions(options) { WriteIndented = false } : options);
}
