namespace NotebookRnn.Training;

/// <summary>
/// The <see cref="IObservable{T}"/> of a model's training events. Observers are called synchronously on the
/// training thread, in subscription order; an observer that throws stops training with that exception.
/// </summary>
public sealed class TrainingEventStream : IObservable<TrainingEvent>
{
    private readonly List<IObserver<TrainingEvent>> _observers = [];
    private readonly object _gate = new();

    /// <inheritdoc/>
    public IDisposable Subscribe(IObserver<TrainingEvent> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate) _observers.Add(observer);
        return new Subscription(this, observer);
    }

    /// <summary>Subscribes a delegate.</summary>
    public IDisposable Subscribe(Action<TrainingEvent> onNext) => Subscribe(new DelegateObserver(onNext));

    /// <summary>Sends <paramref name="trainingEvent"/> to every observer.</summary>
    public void Publish(TrainingEvent trainingEvent)
    {
        IObserver<TrainingEvent>[] observers;
        lock (_gate) observers = [.. _observers];
        foreach (IObserver<TrainingEvent> observer in observers) observer.OnNext(trainingEvent);
    }

    private sealed class Subscription(TrainingEventStream stream, IObserver<TrainingEvent> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (stream._gate) stream._observers.Remove(observer);
        }
    }

    private sealed class DelegateObserver(Action<TrainingEvent> onNext) : IObserver<TrainingEvent>
    {
        public void OnNext(TrainingEvent value) => onNext(value);
        public void OnError(Exception error) { }
        public void OnCompleted() { }
    }
}
