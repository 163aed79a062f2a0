using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace PetitionFunctions.LocalHost;

/// <summary>
/// Runs one timer-triggered function on its six-field CRON schedule (UTC, like the Functions host),
/// with "%Setting%" schedules read from configuration. One run at a time; a failed run is logged and
/// not retried, as on Azure.
/// </summary>
public sealed class TimerTriggerScheduler(
    FunctionEntry function,
    IConfiguration configuration,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<TimerTriggerScheduler> log) : BackgroundService
{
    public static CrontabSchedule Parse(string schedule, IConfiguration configuration)
    {
        var expression = schedule.StartsWith('%') && schedule.EndsWith('%')
            ? configuration[schedule.Trim('%')] ?? throw new InvalidOperationException($"Timer schedule setting {schedule} is not configured.")
            : schedule;
        return CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var binding = (TimerBinding)function.Trigger;
        var schedule = Parse(binding.Schedule, configuration);
        DateTime? last = null;
        if (binding.RunOnStartup) last = await RunAsync(schedule, last, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now);
            try { await Task.Delay(next - now, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
            last = await RunAsync(schedule, last, stoppingToken);
        }
    }

    private async Task<DateTime> RunAsync(CrontabSchedule schedule, DateTime? last, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var info = new TimerInfo
        {
            ScheduleStatus = new ScheduleStatus { Last = last ?? now, Next = schedule.GetNextOccurrence(now), LastUpdated = now },
        };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await FunctionInvoker.InvokeAsync(function, scope.ServiceProvider,
                parameter => parameter.ParameterType == typeof(CancellationToken) ? stoppingToken : info);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            log.LogError("Timer function {Function} failed ({Failure}).", function.Name, e.GetType().Name);
        }
        return now;
    }
}
