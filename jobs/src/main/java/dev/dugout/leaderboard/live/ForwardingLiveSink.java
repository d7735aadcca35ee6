package dev.dugout.leaderboard.live;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A sink that hands every call to another one: the base of a wrapper that changes one thing (asks
 * for every entry, injects a fault) and must stay transparent for the rest, including what later
 * methods of {@link LiveSink} add.
 */
public abstract class ForwardingLiveSink implements LiveSink {
  private final LiveSink delegate;

  protected ForwardingLiveSink(LiveSink delegate) {
    this.delegate = delegate;
  }

  @Override
  public void write(Refresh refresh, Iterator<RankChange> changes) throws Exception {
    delegate.write(refresh, changes);
  }

  @Override
  public boolean needsFullState() {
    return delegate.needsFullState();
  }

  @Override
  public int topPerContest() {
    return delegate.topPerContest();
  }

  @Override
  public void writeTops(Refresh refresh, List<ContestTop> tops) throws Exception {
    delegate.writeTops(refresh, tops);
  }

  @Override
  public void refreshed(RefreshResult result) {
    delegate.refreshed(result);
  }

  @Override
  public String report(RefreshResult result) {
    return delegate.report(result);
  }

  @Override
  public Map<String, String> metrics() {
    return delegate.metrics();
  }

  @Override
  public void completed(RefreshResult last) {
    delegate.completed(last);
  }
}
